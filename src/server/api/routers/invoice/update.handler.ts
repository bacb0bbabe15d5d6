import { updateInvoice, type InvoiceInput } from "@/server/services/invoices/invoices";
import { teamToday } from "@/server/services/invoices/team-today";
import type { TeamContext } from "../../trpc";
import { toInvoiceDetail } from "./invoice.output";
import type { UpdateInvoiceInput } from "./update.schema";

/** Edits a DRAFT, SENT or OVERDUE invoice at the version the editor saw; totals are recomputed; emits invoice.updated. */
export async function updateInvoiceHandler({ ctx, input }: { ctx: TeamContext; input: UpdateInvoiceInput }) {
  const { taxRate, discount, ...rest } = input.data;
  const changes: Partial<InvoiceInput> = {
    ...rest,
    ...(taxRate !== undefined ? { taxRateBps: taxRate } : {}),
    ...(discount !== undefined ? { discountBps: discount } : {}),
  };
  const today = await teamToday(ctx.team.id);
  const invoice = await updateInvoice(ctx.db, { id: input.id, expectedVersion: input.expectedVersion, changes, today });
  return toInvoiceDetail(invoice, today);
}
