import { z } from "zod";
import { ZExpectedVersion, ZInvoiceFields, ZInvoiceId } from "./invoice.schema";

export const ZUpdateInvoiceInput = z.object({
  id: ZInvoiceId,
  /** The version the editor started from: a change based on an older one is refused. */
  expectedVersion: ZExpectedVersion,
  data: ZInvoiceFields.partial().refine((data) => Object.values(data).some((value) => value !== undefined), {
    message: "Change at least one field.",
  }),
});
export type UpdateInvoiceInput = z.infer<typeof ZUpdateInvoiceInput>;
