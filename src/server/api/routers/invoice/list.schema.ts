import { z } from "zod";
import { ZCustomerId, ZInvoiceStatus, ZIsoDate } from "./invoice.schema";

export const ZListInvoicesInput = z
  .object({
    /** As shown: OVERDUE includes sent invoices whose due date has passed. */
    status: ZInvoiceStatus.optional(),
    customerId: ZCustomerId.optional(),
    /** Issue date range, inclusive. */
    from: ZIsoDate.optional(),
    to: ZIsoDate.optional(),
    /** Part of the number (or of the customer's name). */
    search: z.string().trim().max(100, "Search with at most 100 characters.").optional(),
    cursor: z.string().max(64).optional(),
    limit: z.number().int().min(1).max(100).default(50),
  })
  .refine((input) => !input.from || !input.to || input.from <= input.to, {
    message: "The start of the date range must not be after its end.",
    path: ["to"],
  })
  .default({ limit: 50 });
export type ListInvoicesInput = z.infer<typeof ZListInvoicesInput>;
