import { appUrl } from "@/server/app-url";
import { getBillingProvider, type ChangePlanResult } from "@/server/services/billing/provider";
import type { TeamContext } from "../../trpc";
import type { ChangePlanInput } from "./change-plan.schema";

/**
 * Starts a plan change (billing:manage): with Stripe, a Checkout session to
 * redirect to (the change lands by webhook); locally, the change applied at once.
 * A provider timeout is BILLING_UNAVAILABLE (503): nothing changed, retrying is safe.
 */
export function changePlan({ ctx, input }: { ctx: TeamContext; input: ChangePlanInput }): Promise<ChangePlanResult> {
  return getBillingProvider().changePlan({
    teamId: ctx.team.id,
    planId: input.planId,
    user: { id: ctx.user.id, email: ctx.user.email ?? null },
    appUrl,
  });
}
