import { expect, test } from "@playwright/test";
import { signUp } from "./helpers";

/**
 * The CEO digest end to end: the embedded job runner (started by the app server's
 * instrumentation hook) picks up "Generate now" and the card shows the numbers
 * with the local provider's label; the team's time zone is set in team settings.
 */
test("an owner generates the first CEO digest and sets the team's time zone", async ({ page }) => {
  const stamp = Date.now();
  await signUp(page, { name: "Dina Digest", email: `digest-${stamp}@example.test`, team: `Digest Co ${stamp}` });

  const card = page.getByTestId("digest-card");
  await expect(card.getByTestId("digest-empty")).toContainText("Your first digest arrives");
  await expect(card.getByTestId("digest-empty")).toContainText("05:00 (UTC)");
  await card.getByTestId("digest-generate").click();

  // The runner claims the run within a poll or two; the card checks back while it runs.
  await expect(card.getByTestId("digest-numbers")).toBeVisible({ timeout: 30_000 });
  await expect(card.getByTestId("digest-provider")).toHaveText("Local (rule-based)");
  await expect(card.getByTestId("digest-generate")).toHaveCount(0);

  await page.goto("/settings/team");
  const zone = page.getByLabel("Team time zone");
  await expect(zone).toHaveValue("UTC");
  await zone.selectOption("Asia/Jakarta");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Team time zone")).toHaveValue("Asia/Jakarta");
});
