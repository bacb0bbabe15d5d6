import type { z } from "zod";
import { ZInvoiceFields } from "./invoice.schema";

export const ZCreateInvoiceInput = ZInvoiceFields;
export type CreateInvoiceInput = z.infer<typeof ZCreateInvoiceInput>;
