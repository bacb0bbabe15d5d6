import { deleteInvoice } from "@/server/services/invoices/invoices";
import type { TeamContext } from "../../trpc";
import type { DeleteInvoiceInput } from "./delete.schema";

/** Deletes a DRAFT (anything sent is voided instead); emits invoice.deleted. */
export function deleteInvoiceHandler({ ctx, input }: { ctx: TeamContext; input: DeleteInvoiceInput }) {
  return deleteInvoice(ctx.db, { id: input.id, expectedVersion: input.expectedVersion });
}
