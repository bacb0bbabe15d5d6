import { isoDateToUtc } from "@/lib/invoices/dates";
import type { Prisma } from "@/server/db/generated/client";
import { invoiceListSelect } from "@/server/services/invoices/select";
import { teamToday } from "@/server/services/invoices/team-today";
import type { TeamContext } from "../../trpc";
import { toInvoiceListItem } from "./invoice.output";
import type { ListInvoicesInput } from "./list.schema";

/** The filter for a status as shown: a SENT invoice past its due date counts as OVERDUE, not SENT. */
function statusWhere(status: ListInvoicesInput["status"], today: Date): Prisma.InvoiceWhereInput {
  switch (status) {
    case undefined:
      return {};
    case "SENT":
      return { status: "SENT", dueDate: { gte: today } };
    case "OVERDUE":
      return { OR: [{ status: "OVERDUE" }, { status: "SENT", dueDate: { lt: today } }] };
    default:
      return { status };
  }
}

/** Newest issue date first, filtered by status, customer, issue-date range and number. */
export async function listInvoicesHandler({ ctx, input }: { ctx: TeamContext; input: ListInvoicesInput }) {
  const today = await teamToday(ctx.team.id);
  const where: Prisma.InvoiceWhereInput = {
    AND: [
      statusWhere(input.status, isoDateToUtc(today)),
      input.customerId ? { customerId: input.customerId } : {},
      input.from || input.to
        ? { issueDate: { ...(input.from ? { gte: isoDateToUtc(input.from) } : {}), ...(input.to ? { lte: isoDateToUtc(input.to) } : {}) } }
        : {},
      input.search
        ? {
            OR: [
              { number: { contains: input.search, mode: "insensitive" } },
              { customer: { name: { contains: input.search, mode: "insensitive" } } },
            ],
          }
        : {},
    ],
  };
  const rows = await ctx.db.invoice.findMany({
    where,
    select: invoiceListSelect,
    orderBy: [{ issueDate: "desc" }, { number: "desc" }, { id: "desc" }],
    take: input.limit + 1,
    ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
  });
  const hasMore = rows.length > input.limit;
  const items = (hasMore ? rows.slice(0, input.limit) : rows).map((row) => toInvoiceListItem(row, today));
  return { items, nextCursor: hasMore ? (items.at(-1)?.id ?? null) : null };
}
