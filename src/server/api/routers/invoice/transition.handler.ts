import type { InvoiceAction } from "@/lib/invoices/status";
import { transitionInvoice } from "@/server/services/invoices/invoices";
import { teamToday } from "@/server/services/invoices/team-today";
import type { TeamContext } from "../../trpc";
import { toInvoiceDetail } from "./invoice.output";
import type { InvoiceTransitionInput } from "./transition.schema";

async function transition(ctx: TeamContext, input: InvoiceTransitionInput, action: InvoiceAction) {
  const [invoice, today] = await Promise.all([
    transitionInvoice(ctx.db, { id: input.id, expectedVersion: input.expectedVersion, action }),
    teamToday(ctx.team.id),
  ]);
  return toInvoiceDetail(invoice, today);
}

/** DRAFT → SENT (needs at least one line); emits invoice.sent. */
export function sendInvoiceHandler({ ctx, input }: { ctx: TeamContext; input: InvoiceTransitionInput }) {
  return transition(ctx, input, "send");
}

/** SENT or OVERDUE → PAID; emits invoice.paid. */
export function markInvoicePaidHandler({ ctx, input }: { ctx: TeamContext; input: InvoiceTransitionInput }) {
  return transition(ctx, input, "markPaid");
}

/** DRAFT, SENT or OVERDUE → VOID; emits invoice.voided. */
export function voidInvoiceHandler({ ctx, input }: { ctx: TeamContext; input: InvoiceTransitionInput }) {
  return transition(ctx, input, "void");
}
