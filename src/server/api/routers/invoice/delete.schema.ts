import type { z } from "zod";
import { ZInvoiceTransitionInput } from "./transition.schema";

export const ZDeleteInvoiceInput = ZInvoiceTransitionInput;
export type DeleteInvoiceInput = z.infer<typeof ZDeleteInvoiceInput>;
