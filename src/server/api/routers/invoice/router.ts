import { aiRateLimit, createTRPCRouter, permissionProcedure } from "../../trpc";
import { createInvoiceHandler } from "./create.handler";
import { ZCreateInvoiceInput } from "./create.schema";
import { deleteInvoiceHandler } from "./delete.handler";
import { ZDeleteInvoiceInput } from "./delete.schema";
import { getInvoiceHandler } from "./get.handler";
import { ZGetInvoiceInput } from "./get.schema";
import { listInvoicesHandler } from "./list.handler";
import { ZListInvoicesInput } from "./list.schema";
import { precheckInvoiceHandler } from "./precheck.handler";
import { ZPrecheckInvoiceInput } from "./precheck.schema";
import { markInvoicePaidHandler, sendInvoiceHandler, voidInvoiceHandler } from "./transition.handler";
import { ZInvoiceTransitionInput } from "./transition.schema";
import { updateInvoiceHandler } from "./update.handler";
import { ZUpdateInvoiceInput } from "./update.schema";

export const invoiceRouter = createTRPCRouter({
  list: permissionProcedure("invoice:read").input(ZListInvoicesInput).query(listInvoicesHandler),
  get: permissionProcedure("invoice:read").input(ZGetInvoiceInput).query(getInvoiceHandler),
  create: permissionProcedure("invoice:create").input(ZCreateInvoiceInput).mutation(createInvoiceHandler),
  update: permissionProcedure("invoice:update").input(ZUpdateInvoiceInput).mutation(updateInvoiceHandler),
  delete: permissionProcedure("invoice:delete").input(ZDeleteInvoiceInput).mutation(deleteInvoiceHandler),
  send: permissionProcedure("invoice:update").input(ZInvoiceTransitionInput).mutation(sendInvoiceHandler),
  markPaid: permissionProcedure("invoice:update").input(ZInvoiceTransitionInput).mutation(markInvoicePaidHandler),
  void: permissionProcedure("invoice:update").input(ZInvoiceTransitionInput).mutation(voidInvoiceHandler),
  // Whoever writes invoices may pre-check one (a mutation: it may spend AI tokens).
  precheck: permissionProcedure("invoice:create").use(aiRateLimit).input(ZPrecheckInvoiceInput).mutation(precheckInvoiceHandler),
});
