import { z } from "zod";

export const ZListBillingInvoicesInput = z
  .object({
    cursor: z.string().trim().max(64, "That page cursor is not valid.").optional(),
    limit: z.number().int().min(1, "Ask for at least 1 invoice.").max(50, "Ask for at most 50 invoices.").default(20),
  })
  .default({ limit: 20 });
export type ListBillingInvoicesInput = z.infer<typeof ZListBillingInvoicesInput>;
