import { z } from "zod";
import { ZExpectedVersion, ZInvoiceId } from "./invoice.schema";

/** send, markPaid, void and delete: which invoice, at which version. */
export const ZInvoiceTransitionInput = z.object({ id: ZInvoiceId, expectedVersion: ZExpectedVersion });
export type InvoiceTransitionInput = z.infer<typeof ZInvoiceTransitionInput>;
