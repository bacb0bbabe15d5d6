import type { SystemDb } from "@/server/db/system-client";
import { NotFoundError } from "@/server/errors";
import { getSubscription } from "@/server/services/billing/subscriptions";
import { assertLocalBilling, nextAttempt, recordAndProcess, teamStatusOf } from "./local-billing";
import type { SimulatePaymentInput } from "./simulate-payment.schema";

/**
 * Operators only, local billing only: a payment attempt of a team's invoice,
 * failed or paid, recorded as a Stripe-shaped local event and processed at once
 * by the same dunning code as Stripe's webhooks. How demos and the end-to-end
 * tests drive dunning without Stripe; with Stripe connected, Stripe's test
 * clocks do this instead.
 */
export async function simulatePayment({ ctx, input }: { ctx: { systemDb: SystemDb }; input: SimulatePaymentInput }) {
  assertLocalBilling("Payments can be simulated only while billing is not connected to Stripe.");
  const team = await ctx.systemDb.team.findUnique({ where: { id: input.teamId }, select: { id: true } });
  if (!team) throw new NotFoundError("Team");
  const attempt = nextAttempt(await getSubscription(team.id), input.outcome, new Date());
  const { eventId, result } = await recordAndProcess(attempt);
  const [after, status] = await Promise.all([getSubscription(team.id), teamStatusOf(team.id)]);
  return {
    eventId,
    result,
    invoiceId: attempt.invoiceId,
    attempt: attempt.attempt,
    outcome: input.outcome,
    teamStatus: status.status,
    failedPaymentCount: after.failedPaymentCount,
    nextPaymentAttemptAt: after.nextPaymentAttemptAt,
  };
}
