import { expect, test } from "@playwright/test";
import { queryE2eDatabase } from "./database";
import { signUp } from "./helpers";

// The e2e server runs without STRIPE_SECRET_KEY: billing is the embedded local default.
const suffix = `${Date.now().toString(36)}b`;

test("pricing is public, and an owner upgrades Starter → Professional on the local billing default", async ({ page }) => {
  // Signed out: the plans, their prices and tiers, and "Start" leads to sign-up.
  await page.goto("/");
  await page.getByRole("link", { name: "Pricing" }).click();
  await expect(page).toHaveURL(/\/en\/pricing$/);
  const plans = page.getByTestId("pricing-plans");
  await expect(plans.getByTestId("pricing-starter")).toContainText("$29");
  await expect(plans.getByTestId("pricing-professional")).toContainText("$99");
  await expect(plans.getByTestId("pricing-enterprise")).toContainText("$499");
  await expect(plans.getByTestId("pricing-professional")).toContainText("Own schema");
  await expect(plans.getByTestId("pricing-enterprise")).toContainText("Own database");
  await expect(page.getByRole("link", { name: "Start with Professional" })).toHaveAttribute("href", "/en/sign-up");

  await signUp(page, { name: "Uma Upgrade", email: `uma-${suffix}@e2e.test`, team: `Upgrade ${suffix}` });
  await page.goto("/pricing");
  await expect(page.getByRole("link", { name: "Choose Professional" })).toHaveAttribute("href", "/en/settings/billing");
  await page.getByRole("link", { name: "Choose Professional" }).click();

  await expect(page).toHaveURL(/\/settings\/billing$/);
  await expect(page.getByTestId("billing-not-connected")).toContainText("Billing not connected");
  await expect(page.getByTestId("billing-not-connected")).toContainText("Plan changes apply immediately and nothing is charged.");
  await expect(page.getByTestId("current-plan-name")).toHaveText("Starter");
  await expect(page.getByTestId("billing-state")).toHaveText("Active");
  await expect(page.getByTestId("usage-meter")).toContainText("0 of 200,000 tokens");
  await expect(page.getByText("No invoices yet.")).toBeVisible();

  await page.getByRole("button", { name: "Upgrade to Professional" }).click();
  await expect(page.getByTestId("plan-applied")).toHaveText("You are now on the Professional plan.");
  await expect(page.getByTestId("current-plan-name")).toHaveText("Professional");
  await expect(page.getByTestId("usage-meter")).toContainText("0 of 2,000,000 tokens");
  // Honest about the data: the plan's tier is reached by the tier migration, not by paying.
  await expect(page.getByTestId("tier-note")).toHaveText("Your data is on the shared tier; dedicated placement for this plan is set up by the tier migration.");
  const invoices = page.getByTestId("billing-invoices");
  // Charged locally for the rest of the period (nothing real is charged).
  await expect(invoices.locator("tbody tr").first()).toContainText(/\$\d+\.\d\d/);
  await expect(invoices).toContainText("Paid");
  await expect(invoices.locator("tbody tr")).toHaveCount(1);

  // It sticks: a reload shows the new plan, and the current plan's button is not offered again.
  await page.reload();
  await expect(page.getByTestId("current-plan-name")).toHaveText("Professional");
  await expect(page.getByTestId("plan-professional").getByRole("button")).toBeDisabled();
  await expect(page.getByRole("button", { name: "Downgrade to Starter" })).toBeEnabled();
});

test("three failed payments soft-lock a team; a new card in the local portal unlocks it", async ({ page, browser }) => {
  const team = `Dunning ${suffix}`;
  await signUp(page, { name: "Dora Dunning", email: `dora-${suffix}@e2e.test`, team });
  await page.goto("/projects");
  await page.getByLabel("Project name").fill("Before the lock");
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page.getByTestId("project-list")).toContainText("Before the lock");

  // An operator (a superadmin of the platform) simulates the failed payments, in their own browser.
  const operatorEmail = `oscar-${suffix}@e2e.test`;
  const operatorContext = await browser.newContext();
  const operator = await operatorContext.newPage();
  await signUp(operator, { name: "Oscar Operator", email: operatorEmail, team: `Operators ${suffix}` });
  await queryE2eDatabase(`UPDATE "User" SET "isSuperAdmin" = true WHERE email = $1`, [operatorEmail]);
  await operator.goto("/platform");
  const simulator = operator.getByTestId("payment-simulator");
  await simulator.getByLabel("Team", { exact: true }).selectOption({ label: team });
  for (const attempt of [1, 2, 3]) {
    await simulator.getByRole("button", { name: "Simulate failed payment" }).click();
    await expect(operator.getByTestId("simulator-result")).toContainText(`Attempt ${attempt} failed. Failed attempts: ${attempt}.`);
    // Dunning warns on the first two failures; only the third locks.
    if (attempt < 3) await expect(operator.getByTestId("simulator-result")).toContainText("Team status: ACTIVE");
  }
  await expect(operator.getByTestId("simulator-result")).toContainText("Team status: SOFT_LOCKED");
  await operatorContext.close();

  // The owner sees the lock banner with the way out, can still read, and an edit is refused.
  await page.goto("/projects");
  const banner = page.getByRole("status").filter({ hasText: "This team is locked" });
  await expect(banner).toBeVisible();
  await expect(banner.getByRole("link", { name: "Fix payment" })).toBeVisible();
  await expect(page.getByTestId("project-list")).toContainText("Before the lock");
  await page.getByLabel("Project name").fill("During the lock");
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page.getByText(/This team is locked because of an unpaid invoice/)).toBeVisible();
  await expect(page.getByTestId("project-list")).not.toContainText("During the lock");

  await banner.getByRole("link", { name: "Fix payment" }).click();
  await expect(page).toHaveURL(/\/settings\/billing$/);
  await expect(page.getByTestId("billing-state")).toHaveText("Locked");
  await expect(page.getByTestId("payment-method-status")).toHaveText("Failing");
  await expect(page.getByTestId("billing-invoices")).toContainText("Open");

  await page.getByRole("button", { name: "Manage payment method" }).click();
  await expect(page).toHaveURL(/\/settings\/billing\?portal=local$/);
  const portal = page.getByTestId("local-portal");
  await expect(portal).toContainText("no card number is asked for or stored");
  await portal.getByLabel("Test card").selectOption({ label: "Visa •••• 4242" });
  await portal.getByRole("button", { name: "Save card" }).click();
  await expect(page.getByTestId("portal-notice")).toHaveText("Card saved: the unpaid invoice is paid and the team is unlocked.");
  await expect(page.getByTestId("billing-state")).toHaveText("Active");
  await expect(page.getByTestId("payment-method")).toContainText("Visa •••• 4242");
  await expect(page.getByRole("status").filter({ hasText: "This team is locked" })).toHaveCount(0);

  // Unlocked at once: the edit that was refused now works.
  await page.goto("/projects");
  await page.getByLabel("Project name").fill("After the fix");
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page.getByTestId("project-list")).toContainText("After the fix");
});
