import { z } from "zod";
import { ZInvoiceId } from "./invoice.schema";

export const ZGetInvoiceInput = z.object({ id: ZInvoiceId });
export type GetInvoiceInput = z.infer<typeof ZGetInvoiceInput>;
