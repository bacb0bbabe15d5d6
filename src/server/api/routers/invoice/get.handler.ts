import { NotFoundError } from "@/server/errors";
import { invoiceDetailSelect } from "@/server/services/invoices/select";
import { teamToday } from "@/server/services/invoices/team-today";
import type { TeamContext } from "../../trpc";
import type { GetInvoiceInput } from "./get.schema";
import { toInvoiceDetail } from "./invoice.output";

export async function getInvoiceHandler({ ctx, input }: { ctx: TeamContext; input: GetInvoiceInput }) {
  const [invoice, today] = await Promise.all([
    ctx.db.invoice.findFirst({ where: { id: input.id }, select: invoiceDetailSelect }),
    teamToday(ctx.team.id),
  ]);
  if (!invoice) throw new NotFoundError("Invoice");
  return toInvoiceDetail(invoice, today);
}
