import { randomUUID } from "node:crypto";
import { isPlanId, PLANS, type PlanId } from "@/lib/plans";
import { msg } from "@/lib/message";
import { ConflictError, DomainError, ValidationError } from "../../errors";
import type { StripeConfig } from "./config";
import { ensureStripeCustomer } from "./customers";
import type { BillingProvider, ChangePlanInput, ChangePlanResult, OpenPortalInput } from "./provider";
import { stripeClient, type Stripe } from "./stripe-client";
import { callStripe, isStripeMissing, toBillingError } from "./stripe-errors";
import { getSubscription } from "./subscriptions";

/**
 * Stripe as the billing provider. A team without a Stripe subscription goes
 * through Checkout (Stripe collects the card and creates the subscription); a
 * team with one has its subscription's prices swapped in place, never a second
 * subscription. Either way our database follows Stripe's webhooks (the billing
 * events ledger), not this module: what we store is what Stripe confirmed.
 */

/** Subscriptions that can no longer be changed: a new one starts through Checkout. */
const ENDED_STATUSES: ReadonlySet<string> = new Set(["canceled", "incomplete", "incomplete_expired"]);

function planPrices(config: StripeConfig, planId: PlanId): { fixed: string; metered: string | undefined } {
  const fixed = config.fixedPrices[planId];
  if (!fixed) {
    const variable = `STRIPE_PRICE_${planId.toUpperCase()}`;
    throw new DomainError("UNPROCESSABLE", msg`The ${PLANS[planId].name} plan has no Stripe price configured (${variable}).`);
  }
  return { fixed, metered: config.meteredPrices[planId] };
}

function checkedPlan(planId: string): PlanId {
  if (!isPlanId(planId)) throw new ValidationError("Choose one of the plans: Starter, Professional or Enterprise.", "planId");
  return planId;
}

/** The team's Stripe subscription if it can still be changed; null when it ended or was deleted in Stripe. */
async function liveSubscription(stripe: Stripe, subscriptionId: string): Promise<Stripe.Subscription | null> {
  try {
    const subscription = await stripe.subscriptions.retrieve(subscriptionId);
    return ENDED_STATUSES.has(subscription.status) ? null : subscription;
  } catch (error) {
    if (isStripeMissing(error)) return null;
    throw toBillingError(error, "subscription lookup");
  }
}

const isMetered = (item: Stripe.SubscriptionItem) => item.price.recurring?.usage_type === "metered";

/** Swaps the subscription's prices to the plan's (the fixed fee and the metered AI usage). */
async function updateSubscriptionPlan(stripe: Stripe, subscription: Stripe.Subscription, teamId: string, planId: PlanId, prices: { fixed: string; metered: string | undefined }): Promise<void> {
  const items = subscription.items.data;
  const fixedItem = items.find((item) => !isMetered(item));
  const meteredItem = items.find(isMetered);
  if (fixedItem?.price.id === prices.fixed && meteredItem?.price.id === prices.metered) {
    throw new ConflictError(msg`Your team is already on the ${PLANS[planId].name} plan.`);
  }
  const itemChanges: Stripe.SubscriptionUpdateParams.Item[] = [fixedItem ? { id: fixedItem.id, price: prices.fixed } : { price: prices.fixed, quantity: 1 }];
  if (meteredItem) itemChanges.push(prices.metered ? { id: meteredItem.id, price: prices.metered } : { id: meteredItem.id, deleted: true });
  else if (prices.metered) itemChanges.push({ price: prices.metered });
  await callStripe("subscription update", () =>
    stripe.subscriptions.update(
      subscription.id,
      { items: itemChanges, proration_behavior: "create_prorations", metadata: { teamId, planId } },
      // Per attempt: a retry after a failure is a new request the user asked for.
      { idempotencyKey: `plan-change:${teamId}:${subscription.id}:${randomUUID()}` },
    ),
  );
}

async function changePlan(config: StripeConfig, input: ChangePlanInput): Promise<ChangePlanResult> {
  const planId = checkedPlan(input.planId);
  const { teamId } = input;
  const prices = planPrices(config, planId);
  const stripe = stripeClient(config);
  const stored = await getSubscription(teamId);

  if (stored.stripeSubscriptionId) {
    const subscription = await liveSubscription(stripe, stored.stripeSubscriptionId);
    if (subscription) {
      await updateSubscriptionPlan(stripe, subscription, teamId, planId, prices);
      // Stripe accepted the change; our Subscription row (plan, revenue ledger)
      // changes when its customer.subscription.updated webhook is processed.
      return { kind: "applied", planId };
    }
  }

  const customer = await ensureStripeCustomer(teamId, input.user, config);
  const lineItems: Stripe.Checkout.SessionCreateParams.LineItem[] = [{ price: prices.fixed, quantity: 1 }];
  // A metered price takes no quantity: Stripe bills what the meter reports.
  if (prices.metered) lineItems.push({ price: prices.metered });
  const session = await callStripe("checkout", () =>
    stripe.checkout.sessions.create(
      {
        mode: "subscription",
        customer,
        client_reference_id: teamId,
        line_items: lineItems,
        subscription_data: { metadata: { teamId, planId } },
        metadata: { teamId, planId },
        success_url: input.appUrl("/settings/billing?checkout=success&session_id={CHECKOUT_SESSION_ID}"),
        cancel_url: input.appUrl("/settings/billing?checkout=cancelled"),
      },
      // Unique per attempt: after a timeout the user's retry must reach Stripe
      // as a new request, not replay the failed one.
      { idempotencyKey: `checkout:${teamId}:${planId}:${randomUUID()}` },
    ),
  );
  if (!session.url) throw new DomainError("BILLING_UNAVAILABLE", "Stripe did not return a checkout page. Nothing was charged; please try again.");
  return { kind: "redirect", url: session.url };
}

async function openPortal(config: StripeConfig, input: OpenPortalInput): Promise<{ url: string }> {
  const { stripeCustomerId } = await getSubscription(input.teamId);
  if (!stripeCustomerId) {
    throw new DomainError("UNPROCESSABLE", "Your team has no Stripe billing account yet. Choose a plan first; then you can manage the card and cancellation here.");
  }
  const stripe = stripeClient(config);
  const session = await callStripe("portal session", () => stripe.billingPortal.sessions.create({ customer: stripeCustomerId, return_url: input.appUrl("/settings/billing") }));
  return { url: session.url };
}

export function createStripeBillingProvider(config: StripeConfig): BillingProvider {
  return {
    id: "stripe",
    connected: true,
    changePlan: (input) => changePlan(config, input),
    openPortal: (input) => openPortal(config, input),
  };
}
