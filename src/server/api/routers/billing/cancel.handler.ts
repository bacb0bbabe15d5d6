import { cancelLocalSubscription } from "@/server/services/billing/local-provider";
import type { TeamContext } from "../../trpc";
import { assertLocalBilling } from "./local-billing";

/**
 * Local portal: cancels at the end of the current period (billing:manage). The
 * team keeps its plan until then; cancelling twice changes nothing.
 */
export async function cancelSubscription({ ctx }: { ctx: TeamContext }) {
  assertLocalBilling("Billing is connected to Stripe: cancel the subscription in the billing portal.");
  const sub = await cancelLocalSubscription(ctx.team.id);
  return { cancelAtPeriodEnd: sub.cancelAtPeriodEnd, endsAt: sub.currentPeriodEnd };
}
