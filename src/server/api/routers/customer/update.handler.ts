import { mapPrismaErrors } from "@/server/db/errors";
import type { TeamContext } from "../../trpc";
import { customerSelect } from "./customer.schema";
import type { UpdateCustomerInput } from "./update.schema";

/** Invoices point at the customer, so they show its new details too (the printable view included). */
export function updateCustomer({ ctx, input }: { ctx: TeamContext; input: UpdateCustomerInput }) {
  return mapPrismaErrors("Customer", ctx.db.customer.update({ where: { id: input.id }, data: input.data, select: customerSelect }));
}
