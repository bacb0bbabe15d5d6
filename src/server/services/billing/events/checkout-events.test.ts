import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTeam, uniqueSuffix } from "../../../../../test/factories";
import { getBaseDb } from "../../../db/client";
import { resetBillingConfigForTests } from "../config";
import { applySubscriptionChange, getSubscription } from "../subscriptions";
import { processBillingEvent, recordBillingEvent } from "./ledger";

/**
 * checkout.session.completed against what the team has now. Stripe is not
 * configured here, so the subscription is not re-fetched: the session's plan
 * applies (the path a deleted subscription takes too).
 */
const savedKey = process.env.STRIPE_SECRET_KEY;
beforeEach(() => {
  delete process.env.STRIPE_SECRET_KEY;
  resetBillingConfigForTests();
});
afterEach(() => {
  if (savedKey === undefined) delete process.env.STRIPE_SECRET_KEY;
  else process.env.STRIPE_SECRET_KEY = savedKey;
  resetBillingConfigForTests();
});

const DAY = 86_400_000;
const unix = (date: Date) => Math.floor(date.getTime() / 1000);
const ref = (prefix: string) => `${prefix}_${uniqueSuffix()}${uniqueSuffix()}`;

/** A team billed by Stripe through `subscriptionId`, its state stored at `stateAt`. */
async function subscribedTeam(label: string, subscriptionId: string, status: "ACTIVE" | "CANCELED", stateAt: Date) {
  const team = await createTeam(label);
  await getSubscription(team.id);
  const customerId = ref("cus");
  await applySubscriptionChange({
    teamId: team.id,
    planId: "professional",
    status,
    provider: "stripe",
    stripeCustomerId: customerId,
    stripeSubscriptionId: subscriptionId,
    currentPeriodStart: new Date(stateAt.getTime() - DAY),
    currentPeriodEnd: new Date(stateAt.getTime() + 29 * DAY),
    stateAt,
    sourceKey: `test:${team.id}`,
  });
  return { ...team, customerId };
}

async function deliverCheckout(team: { id: string; customerId: string }, subscriptionId: string, created: Date, planId: string) {
  const session = { id: ref("cs_test"), object: "checkout.session", mode: "subscription", customer: team.customerId, subscription: subscriptionId, client_reference_id: team.id, metadata: { teamId: team.id, planId } };
  const { id } = await recordBillingEvent({ source: "stripe", id: ref("evt"), type: "checkout.session.completed", created: unix(created), data: { object: session } });
  return id;
}

const billingIds = (teamId: string) =>
  getBaseDb().subscription.findUniqueOrThrow({ where: { teamId }, select: { planId: true, status: true, stripeCustomerId: true, stripeSubscriptionId: true, stateAt: true } });

describe("checkout.session.completed", () => {
  it("a late retry of an old checkout does not re-point a team that has a newer subscription", async () => {
    const base = new Date(Date.now() + 10 * DAY);
    const oldSub = ref("sub");
    const newSub = ref("sub");
    // The team checked out sub_1 at `base`, canceled it, and has had sub_2 since base + 2 days.
    const team = await subscribedTeam("checkout-late", newSub, "ACTIVE", new Date(base.getTime() + 2 * DAY));
    const other = await subscribedTeam("checkout-late-other", ref("sub"), "ACTIVE", base);
    const before = await billingIds(team.id);
    const otherBefore = await billingIds(other.id);

    const rowId = await deliverCheckout(team, oldSub, base, "enterprise");
    expect(await processBillingEvent(rowId)).toBe("processed");

    expect(await billingIds(team.id)).toEqual(before);
    const row = await getBaseDb().billingEvent.findUniqueOrThrow({ where: { id: rowId }, select: { status: true, teamId: true, error: true } });
    expect(row).toEqual({ status: "PROCESSED", teamId: team.id, error: "The team has a newer subscription: this checkout changed nothing." });
    expect(await getBaseDb().revenueEvent.count({ where: { teamId: team.id, planId: "enterprise" } })).toBe(0);
    expect(await billingIds(other.id)).toEqual(otherBefore);
  });

  it("stores the ids when none, the same one, or an older state is stored", async () => {
    const base = new Date(Date.now() + 10 * DAY);
    // An ended sub_1 (state at base); a checkout of sub_2 a day later takes over.
    const ended = await subscribedTeam("checkout-newer", ref("sub"), "CANCELED", base);
    const newSub = ref("sub");
    expect(await processBillingEvent(await deliverCheckout(ended, newSub, new Date(base.getTime() + DAY), "enterprise"))).toBe("processed");
    expect(await billingIds(ended.id)).toMatchObject({ planId: "enterprise", status: "ACTIVE", stripeSubscriptionId: newSub, stripeCustomerId: ended.customerId });

    // The same subscription's checkout delivered again, after a newer state: ids stay, the older state is not applied.
    const again = await deliverCheckout(ended, newSub, base, "starter");
    expect(await processBillingEvent(again)).toBe("processed");
    expect(await billingIds(ended.id)).toMatchObject({ planId: "enterprise", stripeSubscriptionId: newSub });

    // A team with no Stripe subscription yet.
    const fresh = await createTeam("checkout-first");
    await getSubscription(fresh.id);
    const first = ref("sub");
    const customerId = ref("cus");
    expect(await processBillingEvent(await deliverCheckout({ id: fresh.id, customerId }, first, base, "professional"))).toBe("processed");
    expect(await billingIds(fresh.id)).toMatchObject({ planId: "professional", status: "ACTIVE", stripeSubscriptionId: first, stripeCustomerId: customerId });
  });
});
