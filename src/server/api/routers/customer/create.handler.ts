import type { TeamContext } from "../../trpc";
import { customerSelect } from "./customer.schema";
import type { CreateCustomerInput } from "./create.schema";

export function createCustomer({ ctx, input }: { ctx: TeamContext; input: CreateCustomerInput }) {
  return ctx.db.customer.create({
    data: { name: input.name, email: input.email ?? null, phone: input.phone ?? null, address: input.address ?? null, taxId: input.taxId ?? null },
    select: customerSelect,
  });
}
