import { z } from "zod";
import { REQUIRABLE_FIELDS } from "@/lib/invoices/precheck";
import { ZPercent } from "../invoice/invoice.schema";

export const ZUpdateInvoiceRulesInput = z.object({
  /** Percentages as decimal strings ("11", "12.5"), like the invoice form. */
  vatRate: ZPercent,
  maxDiscount: ZPercent,
  maxDueDays: z
    .number({ error: "Enter a number of days from 1 to 3650." })
    .int("Enter a whole number of days.")
    .min(1, "Enter a number of days from 1 to 3650.")
    .max(3650, "Enter a number of days from 1 to 3650."),
  requiredFields: z.array(z.enum(REQUIRABLE_FIELDS, { error: "Choose fields from the list." })).max(REQUIRABLE_FIELDS.length),
  customRules: z
    .array(z.string().trim().min(1, "Remove empty rules or write them out.").max(500, "Use at most 500 characters for a rule."))
    .max(20, "Use at most 20 plain-language rules."),
});
export type UpdateInvoiceRulesInput = z.infer<typeof ZUpdateInvoiceRulesInput>;
