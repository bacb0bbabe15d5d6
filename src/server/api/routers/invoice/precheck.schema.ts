import { z } from "zod";
import { ZCurrency, ZCustomerId, ZDraftLines, ZNotes, ZOptionalIsoDate, ZPercent } from "./invoice.schema";

/** The invoice form as it is now, saved or not: what is missing is reported by the pre-check, not refused. */
export const ZPrecheckInvoiceInput = z.object({
  customerId: z
    .union([z.literal(""), ZCustomerId])
    .nullable()
    .optional()
    .transform((value) => value || null),
  currency: ZCurrency,
  issueDate: ZOptionalIsoDate,
  dueDate: ZOptionalIsoDate,
  taxRate: ZPercent,
  discount: ZPercent,
  notes: ZNotes,
  lines: ZDraftLines,
});
export type PrecheckInvoiceInput = z.infer<typeof ZPrecheckInvoiceInput>;
