import { expect, test } from "@playwright/test";
import { signUp } from "./helpers";

const suffix = `${Date.now().toString(36)}d`;

const POLICY = [
  "# Travel policy",
  "",
  "Book trains for trips under four hours. Flights need a manager's approval.",
  "",
  "## Expenses",
  "",
  "Meals are reimbursed up to 150,000 rupiah per day with receipts.",
].join("\n");

test("upload a document, watch its progress, and see it ready; bad files are refused with a clear message", async ({ page }) => {
  await signUp(page, { name: "Docs User", email: `docs-${suffix}@e2e.test` });
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Documents" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Documents" })).toBeVisible();

  await page.getByLabel("Choose files").setInputFiles({ name: "travel-policy.md", mimeType: "text/markdown", buffer: Buffer.from(POLICY) });

  // The upload's own progress bar, filled once the bytes are sent.
  const progress = page.getByRole("progressbar", { name: "Uploading travel-policy.md" });
  await expect(progress).toBeVisible();
  await expect(progress).toHaveAttribute("aria-valuenow", "100");
  await expect(page.getByTestId("upload-item").filter({ hasText: "travel-policy.md" })).toContainText("Uploaded");

  // Then ingestion runs in the background (the embedded job runner) and the list follows it.
  const row = page.locator('[data-testid="document-row"][data-document-name="travel-policy.md"]');
  await expect(row).toBeVisible();
  await expect(row.getByTestId("document-status")).toHaveText("Ready", { timeout: 45_000 });
  await expect(row).toContainText("passage");

  // The file is served back to its team.
  const download = await page.request.get(await row.getByRole("link", { name: "Download travel-policy.md" }).getAttribute("href") ?? "");
  expect(download.status()).toBe(200);
  expect(await download.text()).toBe(POLICY);

  // Checked before sending: wrong type, empty file.
  await page.getByLabel("Choose files").setInputFiles({ name: "setup.exe", mimeType: "application/octet-stream", buffer: Buffer.from("MZ") });
  await expect(page.getByRole("alert").filter({ hasText: "Only PDF, Word (.docx), text (.txt) and Markdown (.md) files can be uploaded." })).toBeVisible();
  await page.getByLabel("Choose files").setInputFiles({ name: "empty.txt", mimeType: "text/plain", buffer: Buffer.alloc(0) });
  await expect(page.getByRole("alert").filter({ hasText: "The file is empty." })).toBeVisible();

  // Checked by the server: a "PDF" that is not one.
  await page.getByLabel("Choose files").setInputFiles({ name: "fake.pdf", mimeType: "application/pdf", buffer: Buffer.from("not a pdf at all") });
  await expect(page.getByRole("alert").filter({ hasText: "This file is not a PDF: its content does not match the .pdf extension." })).toBeVisible();
  await expect(page.locator('[data-testid="document-row"][data-document-name="fake.pdf"]')).toHaveCount(0);
});
