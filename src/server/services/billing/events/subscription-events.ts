import { isPlanId, PLAN_IDS, type PlanId } from "@/lib/plans";
import type { SubscriptionStatus } from "../../../db/generated/client";
import { ValidationError } from "../../../errors";
import { billingConfig } from "../config";
import { applySubscriptionChange, getSubscription, type SubscriptionChangeResult } from "../subscriptions";
import { logUnknownTeam, teamOfEvent } from "./resolve-team";
import { subscriptionPeriod, subscriptionPriceIds, unixToDate, ZStripeSubscription, type StripeSubscriptionObject } from "./stripe-objects";
import { revenueSourceKey, type HandlerResult, type StoredBillingEvent } from "./types";

/**
 * customer.subscription.created / updated / deleted: the subscription's plan,
 * status and period become the team's, through applySubscriptionChange. Its
 * stateAt is the event's `created`, so an event delivered after a newer one is
 * not applied (Stripe does not order deliveries); its revenue ledger row is
 * keyed by the event, so a replay adds nothing.
 */

const STATUS: Readonly<Record<string, SubscriptionStatus>> = {
  active: "ACTIVE",
  trialing: "TRIALING",
  past_due: "PAST_DUE",
  unpaid: "UNPAID",
  canceled: "CANCELED",
  incomplete: "INCOMPLETE",
  incomplete_expired: "CANCELED",
  // A paused subscription collects nothing: no revenue until it resumes.
  paused: "UNPAID",
};

/** Statuses of a subscription that is over: an event about it must not end a newer one. */
const ENDED: ReadonlySet<string> = new Set(["canceled", "incomplete_expired"]);

export function mapStripeStatus(status: string): SubscriptionStatus | null {
  return STATUS[status] ?? null;
}

/** The plan of a subscription: the plan whose fixed price is on it, else its metadata.planId. */
export function planOfStripeSubscription(subscription: StripeSubscriptionObject, fixedPrices: Partial<Record<PlanId, string>>): PlanId | null {
  const prices = new Set(subscriptionPriceIds(subscription));
  const byPrice = PLAN_IDS.find((id) => {
    const price = fixedPrices[id];
    return price !== undefined && prices.has(price);
  });
  if (byPrice) return byPrice;
  const fromMetadata = subscription.metadata.planId;
  return fromMetadata && isPlanId(fromMetadata) ? fromMetadata : null;
}

export type ApplyStripeSubscriptionInput = {
  teamId: string;
  subscription: StripeSubscriptionObject;
  deleted: boolean;
  event: Pick<StoredBillingEvent, "source" | "eventId" | "created">;
};

export type ApplyStripeSubscriptionResult = SubscriptionChangeResult | { applied: false; reason: "other-subscription" | "unknown-status" };

/** Makes a Stripe subscription's state the team's (unless stored state is newer). */
export async function applyStripeSubscription(input: ApplyStripeSubscriptionInput): Promise<ApplyStripeSubscriptionResult> {
  const { teamId, subscription, deleted, event } = input;
  const stored = await getSubscription(teamId);
  const ended = deleted || ENDED.has(subscription.status);
  // The end of an earlier subscription (the team has subscribed again since) is not the end of the current one.
  if (stored.stripeSubscriptionId && stored.stripeSubscriptionId !== subscription.id && ended) return { applied: false, reason: "other-subscription" };
  const status = deleted ? "CANCELED" : mapStripeStatus(subscription.status);
  if (!status) return { applied: false, reason: "unknown-status" };
  const fixedPrices = billingConfig().stripe?.fixedPrices ?? {};
  const planId = planOfStripeSubscription(subscription, fixedPrices) ?? (isPlanId(stored.planId) ? stored.planId : "starter");
  const period = subscriptionPeriod(subscription) ?? { start: stored.currentPeriodStart, end: stored.currentPeriodEnd };
  const canceledAt = status === "CANCELED" ? (unixToDate(subscription.canceled_at) ?? unixToDate(subscription.ended_at) ?? event.created) : null;
  return applySubscriptionChange({
    teamId,
    planId,
    status,
    provider: event.source === "local" ? "local" : "stripe",
    ...(subscription.customer ? { stripeCustomerId: subscription.customer } : {}),
    ...(event.source === "stripe" ? { stripeSubscriptionId: subscription.id } : {}),
    currentPeriodStart: period.start,
    currentPeriodEnd: period.end,
    cancelAtPeriodEnd: !deleted && (subscription.cancel_at_period_end ?? false),
    canceledAt,
    stateAt: event.created,
    sourceKey: revenueSourceKey(event),
  });
}

export async function handleSubscriptionEvent(event: StoredBillingEvent): Promise<HandlerResult> {
  const parsed = ZStripeSubscription.safeParse(event.object);
  if (!parsed.success) throw new ValidationError("The billing event does not carry a valid subscription.");
  const subscription = parsed.data;
  const refs = { customerId: subscription.customer, subscriptionId: subscription.id, metadata: subscription.metadata };
  const teamId = await teamOfEvent(event, refs);
  if (!teamId) return { outcome: "ignored", teamId: null, note: logUnknownTeam(event, refs) };

  const result = await applyStripeSubscription({ teamId, subscription, deleted: event.type === "customer.subscription.deleted", event });
  if (result.applied) return { outcome: "processed", teamId, note: null };
  const notes = {
    stale: "Older than the stored subscription state: not applied.",
    "other-subscription": "About an earlier subscription of the team: not applied.",
    "unknown-status": `Unknown subscription status "${subscription.status.slice(0, 40)}": not applied.`,
  } as const;
  return { outcome: result.reason === "unknown-status" ? "ignored" : "processed", teamId, note: notes[result.reason] };
}
