import type { ServerLocale } from "@/server/i18n/translate";
import { runInvoicePrecheck } from "@/server/services/invoices/precheck";
import type { TeamContext } from "../../trpc";
import type { PrecheckInvoiceInput } from "./precheck.schema";

/**
 * Checks the form's current values against the team's SOP: deterministic rules by
 * code, plain-language rules by the model when one is connected. Writes nothing
 * but the AI usage record.
 */
export function precheckInvoiceHandler({ ctx, input }: { ctx: TeamContext & { locale: ServerLocale }; input: PrecheckInvoiceInput }) {
  return runInvoicePrecheck(ctx.db, {
    caller: { teamId: ctx.team.id, userId: ctx.user.id },
    locale: ctx.locale,
    request: {
      customerId: input.customerId,
      currency: input.currency,
      issueDate: input.issueDate,
      dueDate: input.dueDate,
      taxRateBps: input.taxRate,
      discountBps: input.discount,
      notes: input.notes ?? null,
      lines: input.lines,
    },
  });
}
