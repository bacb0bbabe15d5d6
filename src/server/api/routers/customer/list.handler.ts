import type { TeamContext } from "../../trpc";
import { customerSelect } from "./customer.schema";
import type { ListCustomersInput } from "./list.schema";

/** By name, with how many invoices each has (a customer with invoices cannot be deleted). */
export async function listCustomers({ ctx, input }: { ctx: TeamContext; input: ListCustomersInput }) {
  const search = input.search ? { contains: input.search, mode: "insensitive" as const } : undefined;
  const rows = await ctx.db.customer.findMany({
    where: search ? { OR: [{ name: search }, { email: search }, { taxId: search }] } : {},
    select: { ...customerSelect, _count: { select: { invoices: true } } },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: input.limit + 1,
    ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
  });
  const hasMore = rows.length > input.limit;
  const items = (hasMore ? rows.slice(0, input.limit) : rows).map(({ _count, ...customer }) => ({ ...customer, invoiceCount: _count.invoices }));
  return { items, nextCursor: hasMore ? (items.at(-1)?.id ?? null) : null };
}
