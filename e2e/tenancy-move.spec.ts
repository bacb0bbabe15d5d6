import { expect, test } from "@playwright/test";
import { queryE2eDatabase } from "./database";
import { signUp } from "./helpers";

// Local billing (no STRIPE_SECRET_KEY) and the embedded job runner run the tier migration.
const suffix = `${Date.now().toString(36)}m`;

test("an owner upgrades to Professional, moves the data to its own schema, watches it reach 100%, keeps the projects; an operator then moves it to its own database", async ({ page, browser }) => {
  const team = `Mover ${suffix}`;
  await signUp(page, { name: "Mona Mover", email: `mona-${suffix}@e2e.test`, team });
  await page.goto("/projects");
  await page.getByLabel("Project name").fill("Stays put");
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page.getByTestId("project-list")).toContainText("Stays put");

  await page.goto("/settings/billing");
  // On Starter the data is where the plan puts it: nothing to move.
  await expect(page.getByTestId("current-plan-name")).toHaveText("Starter");
  await expect(page.getByTestId("tier-move")).toHaveCount(0);
  await page.getByRole("button", { name: "Upgrade to Professional" }).click();
  await expect(page.getByTestId("current-plan-name")).toHaveText("Professional");

  const move = page.getByTestId("tier-move");
  await expect(move.getByTestId("tier-move-offer")).toHaveText("Your plan includes Own schema: move your data now.");
  await expect(move).toContainText("Nothing is lost");
  await move.getByRole("button", { name: "Move my data" }).click();

  // Live progress until the switch, then the outcome with the bar at 100%.
  const bar = move.getByRole("progressbar", { name: "Migration progress" });
  await expect(bar).toBeVisible();
  await expect(move.getByTestId("tier-move-done")).toHaveText("Your data now lives on the Own schema tier.", { timeout: 45_000 });
  await expect(bar).toHaveAttribute("aria-valuenow", "100");
  // Every row copied (the project, its audit rows, ...), every table.
  await expect(move.getByTestId("tier-move-progress")).toContainText(/([\d,]+) of \1 rows copied · Tables: (\d+) of \2 copied/);
  await expect(page.getByTestId("tier-note")).toHaveText("Your data is on the own-schema tier, as this plan includes.");

  // The projects are still there, and the team is writable again.
  await page.goto("/projects");
  await expect(page.getByTestId("project-list")).toContainText("Stays put");
  await page.getByLabel("Project name").fill("After the move");
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page.getByTestId("project-list")).toContainText("After the move");
  const [row] = await queryE2eDatabase<{ tier: string; status: string }>(`SELECT tier::text AS tier, status::text AS status FROM "Team" WHERE name = $1`, [team]);
  expect(row).toEqual({ tier: "SCHEMA", status: "ACTIVE" });

  // An operator sees where the team now lives and its completed migration.
  const operatorEmail = `otto-${suffix}@e2e.test`;
  const context = await browser.newContext();
  const operator = await context.newPage();
  await signUp(operator, { name: "Otto Operator", email: operatorEmail, team: `Ops ${suffix}` });
  await queryE2eDatabase(`UPDATE "User" SET "isSuperAdmin" = true WHERE email = $1`, [operatorEmail]);
  await operator.goto("/platform");
  await operator.getByTestId("platform-tenants-link").click();
  await expect(operator).toHaveURL(/\/platform\/tenants$/);
  await operator.getByLabel("Search teams by name or slug").fill(team);
  await operator.getByRole("button", { name: "Search" }).click();
  const table = operator.getByTestId("tenants-table");
  await expect(table.locator("tbody tr")).toHaveCount(1);
  await expect(table).toContainText(/tenant_[a-z0-9_]+/);
  await expect(table).toContainText("SHARED → SCHEMA: Completed");
  await expect(table.getByRole("button", { name: "Move to SHARED" })).toBeEnabled();

  // The operator moves the team on to a database of its own (ISOLATED): created, migrated, copied, switched.
  await table.getByRole("button", { name: "Move to ISOLATED" }).click();
  await expect(async () => {
    await operator.reload();
    await expect(operator.getByTestId("tenants-table")).toContainText("SCHEMA → ISOLATED: Completed", { timeout: 2_000 });
  }).toPass({ timeout: 90_000 });
  await expect(operator.getByTestId("tenants-table")).toContainText(/Database tenant_[a-z0-9_]+/);
  const [isolated] = await queryE2eDatabase<{ tier: string; status: string }>(`SELECT tier::text AS tier, status::text AS status FROM "Team" WHERE name = $1`, [team]);
  expect(isolated).toEqual({ tier: "ISOLATED", status: "ACTIVE" });
  await context.close();

  // The owner's projects came along, and the team is writable on its own database.
  await page.goto("/projects");
  await expect(page.getByTestId("project-list")).toContainText("Stays put");
  await expect(page.getByTestId("project-list")).toContainText("After the move");
  await page.getByLabel("Project name").fill("On my own database");
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page.getByTestId("project-list")).toContainText("On my own database");
});

test("the tenants page is not found for anyone but an operator", async ({ page }) => {
  await signUp(page, { name: "Nina Nobody", email: `nina-${suffix}@e2e.test` });
  await page.goto("/platform/tenants");
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expect(page.getByTestId("tenants-table")).toHaveCount(0);
});
