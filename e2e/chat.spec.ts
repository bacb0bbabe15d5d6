import { expect, test } from "@playwright/test";
import { signUp } from "./helpers";

const suffix = `${Date.now().toString(36)}c`;

const POLICY = [
  "# Leave policy",
  "",
  "## Annual leave",
  "",
  "Every employee gets 24 days of paid annual leave per year. Unused leave can be carried over until March.",
  "",
  "## Sick leave",
  "",
  "Sick leave longer than two days needs a doctor's note.",
].join("\n");

test("ask a question about an uploaded document and see a cited answer; an uncovered question gets 'I don't know'", async ({ page }) => {
  await signUp(page, { name: "Chat User", email: `chat-${suffix}@e2e.test` });
  const nav = page.getByRole("navigation", { name: "Main" });

  await nav.getByRole("link", { name: "Documents" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Documents" })).toBeVisible();
  await page.getByLabel("Choose files").setInputFiles({ name: "leave-policy.md", mimeType: "text/markdown", buffer: Buffer.from(POLICY) });
  const row = page.locator('[data-testid="document-row"][data-document-name="leave-policy.md"]');
  await expect(row.getByTestId("document-status")).toHaveText("Ready", { timeout: 45_000 });

  await nav.getByRole("link", { name: "Ask AI" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Ask your documents" })).toBeVisible();
  // No model is configured in the e2e run: the page says answers are extractive.
  await expect(page.getByTestId("ai-local")).toBeVisible();

  await page.getByLabel("Your question").fill("How many days of annual leave does every employee get?");
  await page.getByRole("button", { name: "Ask", exact: true }).click();

  const answer = page.locator('[data-testid="chat-message"][data-role="assistant"]').last();
  await expect(answer).toHaveAttribute("data-grounded", "true", { timeout: 20_000 });
  await expect(answer).toContainText("24 days of paid annual leave");
  const citation = answer.locator('[data-testid="citation"][data-document-name="leave-policy.md"]');
  await expect(citation).toBeVisible();
  await expect(citation.getByRole("link", { name: "Open leave-policy.md" })).toHaveAttribute("href", /\/api\/documents\/[^/]+\/file$/);
  await citation.getByRole("button", { name: "Show the passage from leave-policy.md" }).click();
  await expect(citation.locator("blockquote")).toContainText("Every employee gets 24 days");
  // The question box is cleared and the conversation is listed.
  await expect(page.getByLabel("Your question")).toHaveValue("");
  await expect(page.getByTestId("conversation-list")).toContainText("How many days of annual leave");

  // A follow-up the documents do not cover: said plainly, no citation.
  await page.getByLabel("Your question").fill("What is the capital of France?");
  await page.keyboard.press("Enter");
  const unknown = page.locator('[data-testid="chat-message"][data-role="assistant"]').last();
  await expect(unknown).toHaveAttribute("data-grounded", "false", { timeout: 20_000 });
  await expect(unknown.getByTestId("answer-not-found")).toHaveText("Not in your documents");
  await expect(unknown).toContainText("I don't know — your documents don't cover this.");
  await expect(unknown.getByTestId("citation")).toHaveCount(0);

  // Both turns are stored: a reload shows the same thread.
  await page.reload();
  await page.getByTestId("conversation-list").getByRole("button", { name: /^How many days of annual leave/ }).click();
  await expect(page.locator('[data-testid="chat-message"][data-role="assistant"]')).toHaveCount(2);
});
