import { expect, test, type Page } from "@playwright/test";
import { PASSWORD, signUp } from "./helpers";

const suffix = Date.now().toString(36);


async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
}

test("a signed-out visitor is sent to sign-in and comes back after", async ({ page }) => {
  await page.goto("/projects");
  await expect(page).toHaveURL(/\/en\/sign-in\?callbackUrl=%2Fen%2Fprojects/);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
});

test("sign-up explains what is wrong with the password", async ({ page }) => {
  await page.goto("/sign-up");
  await page.getByLabel("Your name").fill("Short");
  await page.getByLabel("Work email").fill(`short-${suffix}@e2e.test`);
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Use at least 10 characters.")).toBeVisible();
  await expect(page).toHaveURL(/\/sign-up/);
});

test("sign-up places the team in the chosen data region, shown on the dashboard and in team settings", async ({ page }) => {
  await page.goto("/sign-up");
  await expect(page.getByLabel("Data region")).toHaveValue("global");
  await expect(page.getByText("Where your team's data is stored. It cannot be changed later without a data move.")).toBeVisible();

  await signUp(page, { name: "Indah Example", email: `indah-${suffix}@e2e.test`, team: `Nusantara ${suffix}`, region: "Indonesia" });
  await expect(page.getByRole("main")).toContainText("region Indonesia");
  await page.goto("/settings/team");
  await expect(page.getByTestId("team-data-region")).toHaveText("Data region: Indonesia");
});

test("a project of one team is invisible to another team", async ({ page }) => {
  const first = `alice-${suffix}@e2e.test`;
  const projectName = `Apollo ${suffix}`;

  await signUp(page, { name: "Alice Example", email: first, team: `Alpha ${suffix}` });
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Projects" }).click();
  await page.getByLabel("Project name").fill(projectName);
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page.getByTestId("project-list")).toContainText(projectName);
  await signOut(page);

  await signUp(page, { name: "Bob Example", email: `bob-${suffix}@e2e.test`, team: `Beta ${suffix}` });
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Projects" }).click();
  await expect(page.getByText("No projects yet.")).toBeVisible();
  await expect(page.getByText(projectName)).toHaveCount(0);
  await signOut(page);

  // The first user signs back in (after a wrong password) and still has the project.
  await page.goto("/sign-in?callbackUrl=%2Fprojects");
  await page.getByLabel("Email").fill(first);
  await page.getByLabel("Password").fill("Wrong-password-9");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Invalid email or password.")).toBeVisible();
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/projects$/);
  await expect(page.getByTestId("project-list")).toContainText(projectName);
  // Server-rendered too (React Server Components reach the database through the same tenant client).
  await page.goto("/dashboard");
  await expect(page.getByRole("main")).toContainText(projectName);
});

test("a user with two teams switches between them and sees each team's own projects", async ({ page }) => {
  const first = `Gamma ${suffix}`;
  const second = `Delta ${suffix}`;
  await signUp(page, { name: "Carol Example", email: `carol-${suffix}@e2e.test`, team: first });
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Projects" }).click();
  await page.getByLabel("Project name").fill(`Plan of ${first}`);
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page.getByTestId("project-list")).toContainText(`Plan of ${first}`);

  await page.getByRole("link", { name: "New team" }).click();
  await page.getByLabel("Team name").fill(second);
  await page.getByRole("button", { name: "Create team" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByTestId("team-name")).toHaveText(second);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Projects" }).click();
  await expect(page.getByText("No projects yet.")).toBeVisible();

  await page.getByLabel("Active team").selectOption({ label: `${first} (owner)` });
  await expect(page.getByTestId("project-list")).toContainText(`Plan of ${first}`);
  await page.goto("/dashboard");
  await expect(page.getByTestId("team-name")).toHaveText(first);
});
