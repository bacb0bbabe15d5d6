import { saveInvoiceRules } from "@/server/services/invoices/rules";
import type { TeamContext } from "../../trpc";
import type { UpdateInvoiceRulesInput } from "./update.schema";

export function updateInvoiceRulesHandler({ ctx, input }: { ctx: TeamContext; input: UpdateInvoiceRulesInput }) {
  return saveInvoiceRules(
    ctx.db,
    {
      vatRateBps: input.vatRate,
      maxDiscountBps: input.maxDiscount,
      maxDueDays: input.maxDueDays,
      requiredFields: input.requiredFields,
      customRules: input.customRules,
    },
    ctx.user.id,
  );
}
