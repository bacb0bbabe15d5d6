import { createInvoice } from "@/server/services/invoices/invoices";
import { teamToday } from "@/server/services/invoices/team-today";
import type { TeamContext } from "../../trpc";
import type { CreateInvoiceInput } from "./create.schema";
import { toInvoiceDetail } from "./invoice.output";

/** A new DRAFT numbered INV-YYYY-NNNN, its totals computed from its lines; emits invoice.created. */
export async function createInvoiceHandler({ ctx, input }: { ctx: TeamContext; input: CreateInvoiceInput }) {
  const [invoice, today] = await Promise.all([
    createInvoice(ctx.db, {
      customerId: input.customerId,
      currency: input.currency,
      issueDate: input.issueDate,
      dueDate: input.dueDate,
      taxRateBps: input.taxRate,
      discountBps: input.discount,
      notes: input.notes ?? null,
      lines: input.lines,
      createdById: ctx.user.id,
    }),
    teamToday(ctx.team.id),
  ]);
  return toInvoiceDetail(invoice, today);
}
