import { resumeLocalSubscription } from "@/server/services/billing/local-provider";
import type { TeamContext } from "../../trpc";
import { assertLocalBilling } from "./local-billing";

/** Local portal: keeps a subscription that was set to end with its period (billing:manage). */
export async function resumeSubscription({ ctx }: { ctx: TeamContext }) {
  assertLocalBilling("Billing is connected to Stripe: resume the subscription in the billing portal.");
  const sub = await resumeLocalSubscription(ctx.team.id);
  return { cancelAtPeriodEnd: sub.cancelAtPeriodEnd };
}
