import { NotFoundError } from "@/server/errors";
import type { TeamContext } from "../../trpc";
import { customerSelect } from "./customer.schema";
import type { GetCustomerInput } from "./get.schema";

export async function getCustomer({ ctx, input }: { ctx: TeamContext; input: GetCustomerInput }) {
  const customer = await ctx.db.customer.findFirst({
    where: { id: input.id },
    select: { ...customerSelect, _count: { select: { invoices: true } } },
  });
  if (!customer) throw new NotFoundError("Customer");
  const { _count, ...rest } = customer;
  return { ...rest, invoiceCount: _count.invoices };
}
