import { createTRPCRouter, permissionProcedure } from "../../trpc";
import { createCustomer } from "./create.handler";
import { ZCreateCustomerInput } from "./create.schema";
import { deleteCustomer } from "./delete.handler";
import { ZDeleteCustomerInput } from "./delete.schema";
import { getCustomer } from "./get.handler";
import { ZGetCustomerInput } from "./get.schema";
import { listCustomers } from "./list.handler";
import { ZListCustomersInput } from "./list.schema";
import { updateCustomer } from "./update.handler";
import { ZUpdateCustomerInput } from "./update.schema";

/** The team's customers (the recipients of its invoices): same permissions as invoices. */
export const customerRouter = createTRPCRouter({
  list: permissionProcedure("invoice:read").input(ZListCustomersInput).query(listCustomers),
  get: permissionProcedure("invoice:read").input(ZGetCustomerInput).query(getCustomer),
  create: permissionProcedure("invoice:create").input(ZCreateCustomerInput).mutation(createCustomer),
  update: permissionProcedure("invoice:update").input(ZUpdateCustomerInput).mutation(updateCustomer),
  delete: permissionProcedure("invoice:delete").input(ZDeleteCustomerInput).mutation(deleteCustomer),
});
