import { ConflictError, NotFoundError } from "@/server/errors";
import { Prisma } from "@/server/db/generated/client";
import type { TeamContext } from "../../trpc";
import type { DeleteCustomerInput } from "./delete.schema";

const HAS_INVOICES = "This customer has invoices, so it cannot be deleted.";

/** Only a customer without invoices: invoices keep their customer (the foreign key restricts it too). */
export async function deleteCustomer({ ctx, input }: { ctx: TeamContext; input: DeleteCustomerInput }) {
  const invoices = await ctx.db.invoice.count({ where: { customerId: input.id } });
  if (invoices > 0) throw new ConflictError(HAS_INVOICES);
  try {
    const { count } = await ctx.db.customer.deleteMany({ where: { id: input.id } });
    if (count === 0) throw new NotFoundError("Customer");
  } catch (error) {
    // An invoice created for it between the count and the delete.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2003") throw new ConflictError(HAS_INVOICES);
    throw error;
  }
  return { id: input.id };
}
