import { z } from "zod";
import { getBaseDb } from "../../../db/client";
import type { StoredBillingEvent } from "./types";

/**
 * Which team an event is about. Stripe events are trusted only through what we
 * stored ourselves: the customer (Subscription.stripeCustomerId, set when we
 * created the customer), else the subscription id; a checkout session also by
 * the client_reference_id we put on it (resolve in checkout-events.ts). Local
 * events (the embedded provider's simulated payments) name their team in
 * metadata.teamId. A team that does not exist is no team.
 */
const ZTeamId = z.string().min(1).max(64);

export async function existingTeamId(candidate: unknown): Promise<string | null> {
  const parsed = ZTeamId.safeParse(candidate);
  if (!parsed.success) return null;
  const team = await getBaseDb().team.findUnique({ where: { id: parsed.data }, select: { id: true } });
  return team?.id ?? null;
}

export async function teamOfStripeRefs(refs: { customerId: string | null; subscriptionId: string | null }): Promise<string | null> {
  const db = getBaseDb();
  if (refs.customerId) {
    const byCustomer = await db.subscription.findUnique({ where: { stripeCustomerId: refs.customerId }, select: { teamId: true } });
    if (byCustomer) return byCustomer.teamId;
  }
  if (refs.subscriptionId) {
    const bySubscription = await db.subscription.findUnique({ where: { stripeSubscriptionId: refs.subscriptionId }, select: { teamId: true } });
    if (bySubscription) return bySubscription.teamId;
  }
  return null;
}

/** The team of an event's object: by metadata for local events, by customer / subscription for Stripe's. */
export async function teamOfEvent(
  event: StoredBillingEvent,
  refs: { customerId: string | null; subscriptionId: string | null; metadata: Record<string, string> },
): Promise<string | null> {
  if (event.source === "local") return existingTeamId(refs.metadata.teamId);
  return teamOfStripeRefs(refs);
}

/** One log line for an event no team claims: ids only (never the payload). */
export function logUnknownTeam(event: StoredBillingEvent, refs: { customerId: string | null; subscriptionId?: string | null }): string {
  const who = refs.customerId ? `customer ${refs.customerId}` : refs.subscriptionId ? `subscription ${refs.subscriptionId}` : "no customer";
  console.warn(`[billing] event ${event.eventId} (${event.type}, ${event.source}): no team for ${who}; acknowledged and ignored.`);
  return `No team for ${who}.`;
}
