import { z } from "zod";
import { isIsoDate } from "@/lib/invoices/dates";
import { INVOICE_STATUSES } from "@/lib/invoices/status";
import { isCurrency, parsePercentToBps, parseQuantityToMilli, type CurrencyCode } from "@/lib/invoices/money";
import { MAX_DB_INT, ZId } from "../task/task.schema";

/**
 * Shared pieces of the invoice inputs. Money travels as decimal strings
 * ("1500000.50"): a JSON number cannot hold every IDR amount exactly. Quantities
 * and percentages are decimal strings too and become thousandths and basis points
 * here; unit prices become minor units in the service, which knows the currency.
 */
export const ZInvoiceId = ZId("Invoice");
export const ZCustomerId = ZId("Customer");
export const ZExpectedVersion = z
  .number({ error: "Send the version of the invoice you edited." })
  .int()
  .positive()
  .max(MAX_DB_INT, "That version number is not valid. Reload and try again.");

export const ZCurrency = z.custom<CurrencyCode>((value) => typeof value === "string" && isCurrency(value), {
  error: "Choose a supported currency.",
});

export const ZIsoDate = z.string({ error: "Enter a date as YYYY-MM-DD." }).refine(isIsoDate, { error: "Enter a date as YYYY-MM-DD." });

/** A date the form may still leave empty (pre-check only). */
export const ZOptionalIsoDate = z
  .union([z.literal(""), ZIsoDate])
  .nullable()
  .optional()
  .transform((value) => value || null);

export const ZPercent = z.string({ error: "Enter a percentage from 0 to 100, e.g. 11 or 12.5." }).transform((text, ctx) => {
  const parsed = parsePercentToBps(text);
  if (parsed.ok) return parsed.value;
  ctx.addIssue({
    code: "custom",
    message: parsed.error === "precision" ? "Use at most 2 decimals for a percentage." : "Enter a percentage from 0 to 100, e.g. 11 or 12.5.",
  });
  return z.NEVER;
});

const ZQuantity = z.string({ error: "Enter a quantity above 0, e.g. 1 or 1.5." }).transform((text, ctx) => {
  const parsed = parseQuantityToMilli(text);
  if (parsed.ok) return parsed.value;
  ctx.addIssue({
    code: "custom",
    message: parsed.error === "precision" ? "Use at most 3 decimals for a quantity." : "Enter a quantity above 0 and at most 1,000,000, e.g. 1 or 1.5.",
  });
  return z.NEVER;
});

/** Checked for shape here; for the currency's decimals in the service. */
const ZAmountText = z
  .string({ error: "Enter the amount with digits and a dot for decimals, e.g. 1500000.50." })
  .trim()
  .regex(/^\d{1,19}(\.\d{1,6})?$/, "Enter the amount with digits and a dot for decimals, e.g. 1500000.50.");

const ZDescription = z.string({ error: "Enter a description." }).trim().max(500, "Use at most 500 characters for a description.");

function lineSchema(description: z.ZodType<string>) {
  return z
    .object({ description, quantity: ZQuantity, unitPrice: ZAmountText })
    .transform(({ quantity, ...line }) => ({ ...line, quantityMilli: quantity }));
}

export const ZLines = z.array(lineSchema(ZDescription.min(1, "Enter a description."))).max(200, "Use at most 200 line items.");
/** The pre-check takes lines as the form has them: an empty description is for the SOP to judge. */
export const ZDraftLines = z.array(lineSchema(ZDescription)).max(200, "Use at most 200 line items.");

export const ZNotes = z
  .string()
  .trim()
  .max(2000, "Use at most 2000 characters for notes.")
  .nullable()
  .optional()
  .transform((value) => (value === undefined ? undefined : value || null));

export const ZInvoiceStatus = z.enum(INVOICE_STATUSES, { error: "Choose a valid status." });

/** The fields of an invoice a writer sets (the totals are always computed). */
export const ZInvoiceFields = z.object({
  customerId: ZCustomerId,
  currency: ZCurrency,
  issueDate: ZIsoDate,
  dueDate: ZIsoDate,
  taxRate: ZPercent,
  discount: ZPercent,
  notes: ZNotes,
  lines: ZLines,
});
