import { isPlanId } from "@/lib/plans";
import { getBaseDb } from "../../../db/client";
import { ConflictError, ValidationError } from "../../../errors";
import { billingConfig } from "../config";
import { stripeClient } from "../stripe-client";
import { isStripeMissing } from "../stripe-errors";
import { applySubscriptionChange, getSubscription } from "../subscriptions";
import { existingTeamId, logUnknownTeam, teamOfStripeRefs } from "./resolve-team";
import { ZCheckoutSession, ZStripeSubscription, type StripeSubscriptionObject } from "./stripe-objects";
import { applyStripeSubscription } from "./subscription-events";
import { revenueSourceKey, type HandlerResult, type StoredBillingEvent } from "./types";

/**
 * checkout.session.completed: the team (client_reference_id, which we set when
 * creating the session) now has a Stripe customer and subscription. Both ids are
 * stored (unless the team has a newer subscription: then nothing changes), then
 * the subscription is fetched from Stripe and its state applied —
 * the session itself does not say the plan or period. When it cannot be fetched
 * (deleted meanwhile, or no Stripe key here) the plan comes from the session's
 * metadata.planId.
 */

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && error.code === "P2002";
}

async function fetchSubscription(subscriptionId: string): Promise<StripeSubscriptionObject | null> {
  const config = billingConfig();
  if (config.provider !== "stripe") return null;
  try {
    const fetched = await stripeClient(config.stripe).subscriptions.retrieve(subscriptionId);
    const parsed = ZStripeSubscription.safeParse(fetched);
    return parsed.success ? parsed.data : null;
  } catch (error) {
    if (isStripeMissing(error)) return null;
    // Stripe unreachable or slow: the event fails and its job retries later.
    throw error;
  }
}

function addMonth(date: Date): Date {
  const next = new Date(date);
  next.setUTCMonth(next.getUTCMonth() + 1);
  return next;
}

export async function handleCheckoutCompleted(event: StoredBillingEvent): Promise<HandlerResult> {
  const parsed = ZCheckoutSession.safeParse(event.object);
  if (!parsed.success) throw new ValidationError("The billing event does not carry a valid checkout session.");
  const session = parsed.data;
  const teamId =
    (await existingTeamId(session.client_reference_id ?? session.metadata.teamId)) ??
    (event.source === "stripe" ? await teamOfStripeRefs({ customerId: session.customer, subscriptionId: session.subscription }) : null);
  if (!teamId) return { outcome: "ignored", teamId: null, note: logUnknownTeam(event, { customerId: session.customer, subscriptionId: session.subscription }) };
  if (session.mode !== "subscription" || !session.subscription) return { outcome: "ignored", teamId, note: "Not a subscription checkout." };
  const subscriptionId = session.subscription;
  await getSubscription(teamId);
  // The ids are written only when they cannot replace a newer subscription: none
  // stored, the same one, or a stored state not newer than this checkout. A late
  // retry of an old checkout (sub_1, canceled since) must not re-point a team
  // that now has sub_2. One conditional UPDATE: decided and written atomically.
  let written: { count: number };
  try {
    written = await getBaseDb().subscription.updateMany({
      where: { teamId, OR: [{ stripeSubscriptionId: null }, { stripeSubscriptionId: subscriptionId }, { stateAt: { lte: event.created } }] },
      data: { provider: "stripe", stripeSubscriptionId: subscriptionId, ...(session.customer ? { stripeCustomerId: session.customer } : {}) },
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError("This billing account already belongs to another team.");
    throw error;
  }
  if (written.count === 0) return { outcome: "processed", teamId, note: "The team has a newer subscription: this checkout changed nothing." };

  const subscription = event.source === "stripe" ? await fetchSubscription(subscriptionId) : null;
  if (subscription) {
    const result = await applyStripeSubscription({ teamId, subscription, deleted: false, event });
    return { outcome: "processed", teamId, note: result.applied ? null : "The stored subscription state is newer: not applied." };
  }
  const planId = session.metadata.planId;
  if (!planId || !isPlanId(planId)) return { outcome: "processed", teamId, note: "Subscription ids stored; no plan to apply." };
  const result = await applySubscriptionChange({
    teamId,
    planId,
    status: "ACTIVE",
    provider: "stripe",
    currentPeriodStart: event.created,
    currentPeriodEnd: addMonth(event.created),
    cancelAtPeriodEnd: false,
    canceledAt: null,
    stateAt: event.created,
    sourceKey: revenueSourceKey(event),
  });
  return { outcome: "processed", teamId, note: result.applied ? null : "The stored subscription state is newer: not applied." };
}
