import { expect, test } from "@playwright/test";

const PASSWORD = "Playwright-pass-1";
const suffix = `${Date.now().toString(36)}o`;

test("onboarding: resumes after signing in again, and the intent shapes the first dashboard", async ({ page }) => {
  const email = `onboard-${suffix}@e2e.test`;
  await page.goto("/sign-up");
  await page.getByLabel("Your name").fill("Nora");
  await page.getByLabel("Work email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/onboarding$/);
  await expect(page.getByText("Step 1 of 3")).toBeVisible();

  await page.getByLabel("Your name").fill("Nora Newcomer");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByTestId("onboarding-step")).toHaveAttribute("data-step", "invite");
  await expect(page.getByText("Step 2 of 3")).toBeVisible();

  // Leave and come back: the dashboard sends her back to the step she reached.
  await page.context().clearCookies();
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/onboarding$/);
  await expect(page.getByTestId("onboarding-step")).toHaveAttribute("data-step", "invite");

  await page.getByLabel(/Email addresses of teammates/).fill(`teammate-${suffix}@e2e.test, not-an-email`);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByText(/is not a valid email address/)).toBeVisible();
  await page.getByLabel(/Email addresses of teammates/).fill(`teammate-${suffix}@e2e.test`);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByTestId("onboarding-step")).toHaveAttribute("data-step", "intent");

  await page.getByText("Project management").click();
  await page.getByRole("button", { name: "Finish" }).click();
  // The intent gave her a sample project to start from.
  await expect(page.getByRole("heading", { name: "Getting started" })).toBeVisible();
  await expect(page.getByTestId("kanban-board")).toContainText("Drag this task to In progress");
  await page.goto("/settings/team");
  await expect(page.getByTestId("invitations")).toContainText(`teammate-${suffix}@e2e.test`);
  await page.goto("/onboarding");
  await expect(page).toHaveURL(/\/dashboard$/);
});
