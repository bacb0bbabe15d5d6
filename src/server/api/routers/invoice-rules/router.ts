import { createTRPCRouter, permissionProcedure } from "../../trpc";
import { getInvoiceRulesHandler } from "./get.handler";
import { updateInvoiceRulesHandler } from "./update.handler";
import { ZUpdateInvoiceRulesInput } from "./update.schema";

/** The team's invoice SOP: readable by invoice writers (the form shows it), editable by admins. */
export const invoiceRulesRouter = createTRPCRouter({
  get: permissionProcedure("invoice:read").query(getInvoiceRulesHandler),
  update: permissionProcedure("invoice:configure").input(ZUpdateInvoiceRulesInput).mutation(updateInvoiceRulesHandler),
});
