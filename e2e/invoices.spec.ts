import { expect, test } from "@playwright/test";
import { signUp } from "./helpers";

const suffix = `${Date.now().toString(36)}i`;

test("pre-check an invoice with a 50% discount and see the violation beside the discount field", async ({ page }) => {
  await signUp(page, { name: "Invoice User", email: `invoices-${suffix}@e2e.test` });
  const mainNav = page.getByRole("navigation", { name: "Main" });
  await mainNav.getByRole("link", { name: "Invoices" }).click();
  await expect(page.getByRole("heading", { name: "Invoices" })).toBeVisible();

  // A customer first.
  await page.getByRole("link", { name: "Customers" }).click();
  await page.getByLabel("Name", { exact: true }).fill("PT Maju Jaya");
  await page.getByLabel("Email", { exact: true }).fill("billing@maju.example");
  await page.getByRole("button", { name: "Add customer" }).click();
  await expect(page.getByTestId("customer-list")).toContainText("PT Maju Jaya");

  // An invoice with a 50% discount; the totals preview follows the inputs.
  await mainNav.getByRole("link", { name: "Invoices" }).click();
  await page.getByRole("link", { name: "New invoice" }).click();
  await page.getByLabel("Customer", { exact: true }).selectOption({ label: "PT Maju Jaya" });
  await page.getByLabel("Description of line 1").fill("Consulting");
  await page.getByLabel("Unit price of line 1").fill("1500000");
  await page.getByLabel("Discount (%)").fill("50");
  // 1,500,000 − 50% = 750,000; + 11% VAT = 832,500.00
  await expect(page.getByTestId("invoice-total")).toContainText("832,500.00");
  await page.getByRole("button", { name: "Create invoice" }).click();
  await expect(page.getByTestId("invoice-number")).toHaveText(/^INV-\d{4}-0001$/);

  // Pre-check: the violation appears beside the discount field, and in the overall reason.
  await page.getByRole("button", { name: "Pre-check" }).click();
  await expect(page.getByTestId("precheck-discount")).toHaveText(/A 50% discount exceeds the SOP maximum of 20%\./);
  await expect(page.getByLabel("Discount (%)")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByTestId("precheck-reason")).toContainText("A 50% discount exceeds the SOP maximum of 20%.");

  // A plain-language rule in the SOP: without a model (local AI) the pre-check says it checked only the deterministic rules.
  const invoiceUrl = page.url();
  await page.goto(invoiceUrl.replace(/\/invoices\/[^/]+$/, "/settings/invoice-rules"));
  await page.getByRole("button", { name: "Add rule" }).click();
  await page.getByLabel("Rule 1", { exact: true }).fill("Consulting lines must name the project.");
  await page.getByRole("button", { name: "Save rules" }).click();
  await expect(page.getByText("Rules saved.")).toBeVisible();
  await page.goto(invoiceUrl);
  await page.getByLabel("Discount (%)").fill("20");
  await page.getByRole("button", { name: "Pre-check" }).click();
  await expect(page.getByTestId("precheck-result")).toContainText("Pre-check passed");
  await expect(page.getByTestId("precheck-ai-notice")).toHaveText("Local AI: only the deterministic rules were checked.");
  await expect(page.getByTestId("precheck-discount")).toHaveCount(0);

  // Saved, then printable.
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Save your changes before sending")).toHaveCount(0);
  await page.getByRole("link", { name: "Print / PDF" }).click();
  await expect(page.getByTestId("print-total")).toContainText("1,332,000.00");
  await expect(page.getByRole("button", { name: "Print / Save as PDF" })).toBeVisible();
});
