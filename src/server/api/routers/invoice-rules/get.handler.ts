import { getInvoiceRules } from "@/server/services/invoices/rules";
import type { TeamContext } from "../../trpc";

/** The team's SOP, or the defaults when it never saved one. */
export function getInvoiceRulesHandler({ ctx }: { ctx: TeamContext }) {
  return getInvoiceRules(ctx.db);
}
