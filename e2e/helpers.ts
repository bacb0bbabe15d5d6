import { expect, type Page } from "@playwright/test";

export const PASSWORD = "Playwright-pass-1";

/**
 * Signs up (a first team is created, named `team` when given, in the data region
 * labelled `region` when given), skips onboarding and lands on the dashboard.
 */
export async function signUp(page: Page, user: { name: string; email: string; team?: string; region?: string }) {
  await page.goto("/sign-up");
  await page.getByLabel("Your name").fill(user.name);
  await page.getByLabel("Work email").fill(user.email);
  await page.getByLabel("Password").fill(PASSWORD);
  if (user.team) await page.getByLabel("Team name (optional)").fill(user.team);
  if (user.region) await page.getByLabel("Data region").selectOption({ label: user.region });
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/onboarding$/);
  await page.getByRole("button", { name: "Skip for now" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  if (user.team) await expect(page.getByTestId("team-name")).toHaveText(user.team);
}
