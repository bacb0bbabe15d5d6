import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTeam, uniqueSuffix, type TestTeam } from "../../../../test/factories";
import { startStripeStandIn, type RecordedRequest, type StripeStandIn } from "../../../../test/stripe-stand-in";
import { toTRPCError } from "../../api/error-formatter";
import { getBaseDb } from "../../db/client";
import { DomainError } from "../../errors";
import { resetBillingConfigForTests } from "./config";
import { ensureStripeCustomer } from "./customers";
import { getBillingProvider, setBillingProviderForTests, type BillingProvider } from "./provider";
import { STRIPE_TIMEOUT_MESSAGE } from "./stripe-errors";
import { getSubscription } from "./subscriptions";

const ENV_KEYS = [
  "STRIPE_SECRET_KEY",
  "STRIPE_WEBHOOK_SECRET",
  "STRIPE_API_BASE",
  "STRIPE_TIMEOUT_MS",
  "STRIPE_PRICE_STARTER",
  "STRIPE_PRICE_PROFESSIONAL",
  "STRIPE_PRICE_ENTERPRISE",
  "STRIPE_METERED_PRICE_STARTER",
  "STRIPE_METERED_PRICE_PROFESSIONAL",
  "STRIPE_METERED_PRICE_ENTERPRISE",
] as const;
const savedEnv = Object.fromEntries(ENV_KEYS.map((key) => [key, process.env[key]]));
const SECRET = "sk_test_providerSecret123";

let standIn: StripeStandIn;
const appUrl = (path: string) => `https://app.test${path}`;

function configure(extra: Partial<Record<(typeof ENV_KEYS)[number], string>> = {}) {
  for (const key of ENV_KEYS) delete process.env[key];
  Object.assign(process.env, {
    STRIPE_SECRET_KEY: SECRET,
    STRIPE_WEBHOOK_SECRET: "whsec_providerTest",
    STRIPE_API_BASE: standIn.url,
    STRIPE_PRICE_STARTER: "price_starter",
    STRIPE_PRICE_PROFESSIONAL: "price_pro",
    STRIPE_METERED_PRICE_PROFESSIONAL: "price_pro_metered",
    ...extra,
  });
  resetBillingConfigForTests();
}

beforeAll(async () => {
  standIn = await startStripeStandIn();
});

beforeEach(() => {
  standIn.reset();
  configure();
});

afterEach(() => {
  for (const key of ENV_KEYS) {
    if (savedEnv[key] === undefined) delete process.env[key];
    else process.env[key] = savedEnv[key];
  }
  resetBillingConfigForTests();
  setBillingProviderForTests(null);
});

afterAll(async () => {
  await standIn.close();
});

async function rejection(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof DomainError)) throw new Error(`expected a DomainError, got ${String(error)}`);
  return error;
}

async function teamWithUser(label: string): Promise<TestTeam & { name: string }> {
  const team = await createTeam(label);
  const { name } = await getBaseDb().team.findUniqueOrThrow({ where: { id: team.id }, select: { name: true } });
  return { ...team, name };
}

function upgrade(team: TestTeam, planId: "starter" | "professional" | "enterprise", provider: BillingProvider = getBillingProvider()) {
  return provider.changePlan({ teamId: team.id, planId, user: { id: team.owner.id, email: team.owner.email }, appUrl });
}

async function stored(teamId: string) {
  return getBaseDb().subscription.findUniqueOrThrow({ where: { teamId }, select: { planId: true, provider: true, stripeCustomerId: true, stripeSubscriptionId: true } });
}

async function ledgerKinds(teamId: string) {
  return (await getBaseDb().revenueEvent.findMany({ where: { teamId }, select: { kind: true } })).map((event) => event.kind);
}

/** Gives the team a Stripe customer and subscription (as a processed checkout webhook would). */
async function withStripeSubscription(team: TestTeam): Promise<{ customerId: string; subscriptionId: string }> {
  await getSubscription(team.id);
  const ids = { customerId: `cus_${uniqueSuffix()}`, subscriptionId: `sub_${uniqueSuffix()}` };
  await getBaseDb().subscription.update({ where: { teamId: team.id }, data: { provider: "stripe", stripeCustomerId: ids.customerId, stripeSubscriptionId: ids.subscriptionId } });
  return ids;
}

function stripeSubscription(id: string, status: string, prices: { fixed: string; metered?: string }) {
  const item = (itemId: string, price: string, usage: "licensed" | "metered") => ({
    id: itemId,
    object: "subscription_item",
    price: { id: price, object: "price", recurring: { interval: "month", usage_type: usage } },
    ...(usage === "licensed" ? { quantity: 1 } : {}),
  });
  return {
    id,
    object: "subscription",
    status,
    items: {
      object: "list",
      data: [item("si_fixed", prices.fixed, "licensed"), ...(prices.metered ? [item("si_metered", prices.metered, "metered")] : [])],
    },
  };
}

/** Answers GET and POST /v1/subscriptions/<id> with this subscription. */
function serveSubscription(id: string, status: string, prices: { fixed: string; metered?: string }) {
  standIn.respond((request: RecordedRequest) => (request.path === `/v1/subscriptions/${id}` ? { body: stripeSubscription(id, status, prices) } : undefined));
}

describe("getBillingProvider", () => {
  it("is Stripe with a secret key, local without, and a test override wins", () => {
    expect(getBillingProvider()).toMatchObject({ id: "stripe", connected: true });
    delete process.env.STRIPE_SECRET_KEY;
    resetBillingConfigForTests();
    expect(getBillingProvider()).toMatchObject({ id: "local", connected: false });
    const fake: BillingProvider = { id: "stripe", connected: true, changePlan: async () => ({ kind: "applied", planId: "starter" }), openPortal: async () => ({ url: "x" }) };
    setBillingProviderForTests(fake);
    expect(getBillingProvider()).toBe(fake);
  });
});

describe("Stripe checkout", () => {
  it("creates the customer once and sends the plan's prices, metadata and return URLs", async () => {
    const team = await teamWithUser("stripe-checkout");
    const other = await teamWithUser("stripe-checkout-other");
    const otherBefore = await getSubscription(other.id);

    const first = await upgrade(team, "professional");
    expect(first.kind).toBe("redirect");
    if (first.kind !== "redirect") return;
    expect(first.url).toMatch(/^https:\/\/checkout\.stripe\.test\/c\/pay\/cs_test_/);

    const customers = standIn.requestsTo("/v1/customers", "POST");
    expect(customers).toHaveLength(1);
    expect(customers[0]?.body).toEqual({ name: team.name, email: team.owner.email, metadata: { teamId: team.id } });
    expect(customers[0]?.idempotencyKey).toBe(`customer:${team.id}`);
    const customerId = (await stored(team.id)).stripeCustomerId;
    expect(customerId).toMatch(/^cus_/);

    const [checkout] = standIn.requestsTo("/v1/checkout/sessions", "POST");
    expect(checkout?.body).toEqual({
      mode: "subscription",
      customer: customerId,
      client_reference_id: team.id,
      // The metered item has no quantity: Stripe bills the meter's usage.
      line_items: [{ price: "price_pro", quantity: "1" }, { price: "price_pro_metered" }],
      subscription_data: { metadata: { teamId: team.id, planId: "professional" } },
      metadata: { teamId: team.id, planId: "professional" },
      success_url: "https://app.test/settings/billing?checkout=success&session_id={CHECKOUT_SESSION_ID}",
      cancel_url: "https://app.test/settings/billing?checkout=cancelled",
    });
    expect(checkout?.idempotencyKey).toMatch(new RegExp(`^checkout:${team.id}:professional:`));
    expect(checkout?.headers.authorization).toBe(`Bearer ${SECRET}`);

    // A second checkout (a plan without a metered price) reuses the customer.
    const second = await upgrade(team, "starter");
    expect(second.kind).toBe("redirect");
    expect(standIn.requestsTo("/v1/customers", "POST")).toHaveLength(1);
    const checkouts = standIn.requestsTo("/v1/checkout/sessions", "POST");
    expect(checkouts).toHaveLength(2);
    expect(checkouts[1]?.body.customer).toBe(customerId);
    expect(checkouts[1]?.body.line_items).toEqual([{ price: "price_starter", quantity: "1" }]);
    expect(checkouts[1]?.idempotencyKey).not.toBe(checkout?.idempotencyKey);

    // Nothing changes in our database until Stripe's webhook confirms the subscription.
    expect(await stored(team.id)).toMatchObject({ planId: "starter", provider: "local", stripeSubscriptionId: null });
    expect(await ledgerKinds(team.id)).toEqual(["new"]);
    expect(await getBaseDb().billingInvoice.count({ where: { teamId: team.id } })).toBe(0);
    // The other team saw nothing.
    expect(await getSubscription(other.id)).toEqual(otherBefore);
    expect(standIn.requests.some((request) => JSON.stringify(request.body).includes(other.id))).toBe(false);
  });

  it("refuses a plan without a configured price as unprocessable, before calling Stripe", async () => {
    const team = await teamWithUser("stripe-no-price");
    const error = await rejection(upgrade(team, "enterprise"));
    expect(error.code).toBe("UNPROCESSABLE");
    expect(error.message).toBe("The Enterprise plan has no Stripe price configured (STRIPE_PRICE_ENTERPRISE).");
    expect(toTRPCError(error)?.code).toBe("UNPROCESSABLE_CONTENT");
    expect(standIn.requests).toHaveLength(0);
  });

  it("a timeout is a retryable BILLING_UNAVAILABLE with nothing stored, and the retry goes through", async () => {
    configure({ STRIPE_TIMEOUT_MS: "300" });
    const team = await teamWithUser("stripe-timeout");
    standIn.fail("/v1/customers", { delayMs: 1_500, method: "POST" });

    const error = await rejection(upgrade(team, "professional"));
    expect(error.code).toBe("BILLING_UNAVAILABLE");
    expect(error.message).toBe(STRIPE_TIMEOUT_MESSAGE);
    expect(toTRPCError(error)?.code).toBe("SERVICE_UNAVAILABLE");
    expect(error.message).not.toContain(SECRET);
    expect((await stored(team.id)).stripeCustomerId).toBeNull();
    expect(standIn.requestsTo("/v1/checkout/sessions")).toHaveLength(0);

    // Checkout itself times out: the customer is kept, nothing else changes.
    standIn.fail("/v1/checkout/sessions", { delayMs: 1_500 });
    const again = await rejection(upgrade(team, "professional"));
    expect(again.code).toBe("BILLING_UNAVAILABLE");
    const customerId = (await stored(team.id)).stripeCustomerId;
    expect(customerId).toMatch(/^cus_/);
    expect(await stored(team.id)).toMatchObject({ planId: "starter", stripeSubscriptionId: null });
    expect(await ledgerKinds(team.id)).toEqual(["new"]);

    // The user's retry is a new request (its own idempotency key) and succeeds.
    const retried = await upgrade(team, "professional");
    expect(retried.kind).toBe("redirect");
    const keys = standIn.requestsTo("/v1/checkout/sessions").map((request) => request.idempotencyKey);
    expect(keys).toHaveLength(2);
    expect(new Set(keys).size).toBe(2);
    expect(standIn.requestsTo("/v1/checkout/sessions")[1]?.body.customer).toBe(customerId);
  });

  it("maps Stripe's 5xx to BILLING_UNAVAILABLE and its refusals to UNPROCESSABLE without Stripe's text", async () => {
    const team = await teamWithUser("stripe-failures");
    standIn.fail("/v1/checkout/sessions", { status: 500 });
    expect((await rejection(upgrade(team, "professional"))).code).toBe("BILLING_UNAVAILABLE");

    standIn.fail("/v1/checkout/sessions", { status: 400, type: "invalid_request_error", message: "No such price: 'price_pro'" });
    const invalid = await rejection(upgrade(team, "professional"));
    expect(invalid.code).toBe("UNPROCESSABLE");
    expect(invalid.message).toBe("Stripe refused this billing request. Please check the plan's Stripe prices or contact support.");

    standIn.fail("/v1/checkout/sessions", { status: 402, type: "card_error", message: "Your card was declined (card_declined)." });
    const card = await rejection(upgrade(team, "professional"));
    expect(card.code).toBe("UNPROCESSABLE");
    expect(card.message).toBe("The card was declined. Please use another card.");

    standIn.fail("/v1/checkout/sessions", { status: 401, type: "invalid_request_error", message: `Invalid API Key provided: ${SECRET}` });
    const auth = await rejection(upgrade(team, "professional"));
    expect(auth.code).toBe("BILLING_UNAVAILABLE");
    expect(auth.message).not.toContain("sk_test");
  });
});

describe("Stripe plan change of an existing subscription", () => {
  it("swaps the subscription's prices with prorations instead of a second checkout", async () => {
    const team = await teamWithUser("stripe-update");
    const other = await teamWithUser("stripe-update-other");
    const { subscriptionId } = await withStripeSubscription(team);
    serveSubscription(subscriptionId, "active", { fixed: "price_starter" });

    expect(await upgrade(team, "professional")).toEqual({ kind: "applied", planId: "professional" });
    expect(standIn.requestsTo("/v1/checkout/sessions")).toHaveLength(0);
    expect(standIn.requestsTo("/v1/customers")).toHaveLength(0);
    const [update] = standIn.requestsTo(`/v1/subscriptions/${subscriptionId}`, "POST");
    expect(update?.body).toEqual({
      // The fixed item takes the new fee; the plan's metered price is added.
      items: [{ id: "si_fixed", price: "price_pro" }, { price: "price_pro_metered" }],
      proration_behavior: "create_prorations",
      metadata: { teamId: team.id, planId: "professional" },
    });
    expect(update?.idempotencyKey).toMatch(new RegExp(`^plan-change:${team.id}:${subscriptionId}:`));
    // Our row follows the customer.subscription.updated webhook, not this call.
    expect((await stored(team.id)).planId).toBe("starter");
    expect(await getBaseDb().subscription.findUnique({ where: { teamId: other.id }, select: { teamId: true } })).toBeNull();
  });

  it("removes the metered item when the new plan has no metered price, and refuses the current plan", async () => {
    const team = await teamWithUser("stripe-downgrade");
    const { subscriptionId } = await withStripeSubscription(team);
    serveSubscription(subscriptionId, "active", { fixed: "price_pro", metered: "price_pro_metered" });

    await upgrade(team, "starter");
    const [update] = standIn.requestsTo(`/v1/subscriptions/${subscriptionId}`, "POST");
    expect(update?.body.items).toEqual([
      { id: "si_fixed", price: "price_starter" },
      { id: "si_metered", deleted: "true" },
    ]);

    const same = await rejection(upgrade(team, "professional"));
    expect(same.code).toBe("CONFLICT");
    expect(same.message).toBe("Your team is already on the Professional plan.");
    expect(standIn.requestsTo(`/v1/subscriptions/${subscriptionId}`, "POST")).toHaveLength(1);
  });

  it("starts a new checkout when the stored subscription ended or is gone in Stripe", async () => {
    const ended = await teamWithUser("stripe-ended");
    const endedIds = await withStripeSubscription(ended);
    serveSubscription(endedIds.subscriptionId, "canceled", { fixed: "price_pro" });
    const endedResult = await upgrade(ended, "professional");
    expect(endedResult.kind).toBe("redirect");
    // The stored customer is reused.
    expect(standIn.requestsTo("/v1/customers")).toHaveLength(0);
    expect(standIn.requestsTo("/v1/checkout/sessions")[0]?.body.customer).toBe(endedIds.customerId);

    const gone = await teamWithUser("stripe-gone");
    const goneIds = await withStripeSubscription(gone);
    standIn.respond((request) =>
      request.path === `/v1/subscriptions/${goneIds.subscriptionId}` ? { status: 404, body: { error: { type: "invalid_request_error", code: "resource_missing", message: "No such subscription" } } } : undefined,
    );
    expect((await upgrade(gone, "professional")).kind).toBe("redirect");
    expect(standIn.requestsTo("/v1/checkout/sessions")).toHaveLength(2);
  });

  it("a timeout while reading the subscription is BILLING_UNAVAILABLE, not a second subscription", async () => {
    configure({ STRIPE_TIMEOUT_MS: "300" });
    const team = await teamWithUser("stripe-update-timeout");
    const { subscriptionId } = await withStripeSubscription(team);
    standIn.fail(`/v1/subscriptions/${subscriptionId}`, { delayMs: 1_500, method: "GET" });
    expect((await rejection(upgrade(team, "professional"))).code).toBe("BILLING_UNAVAILABLE");
    expect(standIn.requestsTo("/v1/checkout/sessions")).toHaveLength(0);
    expect(standIn.requestsTo(`/v1/subscriptions/${subscriptionId}`, "POST")).toHaveLength(0);
  });
});

describe("Stripe customer portal", () => {
  it("opens the portal for the team's customer with the billing page as return URL", async () => {
    const team = await teamWithUser("stripe-portal");
    const { customerId } = await withStripeSubscription(team);
    const { url } = await getBillingProvider().openPortal({ teamId: team.id, appUrl });
    expect(url).toMatch(/^https:\/\/billing\.stripe\.test\/p\/session\/bps_/);
    const [portal] = standIn.requestsTo("/v1/billing_portal/sessions", "POST");
    expect(portal?.body).toEqual({ customer: customerId, return_url: "https://app.test/settings/billing" });
  });

  it("refuses a team without a Stripe customer with a clear message", async () => {
    const team = await teamWithUser("stripe-portal-none");
    const error = await rejection(getBillingProvider().openPortal({ teamId: team.id, appUrl }));
    expect(error.code).toBe("UNPROCESSABLE");
    expect(error.message).toMatch(/no Stripe billing account yet/);
    expect(standIn.requests).toHaveLength(0);
  });
});

describe("ensureStripeCustomer", () => {
  it("stores one customer when two requests race", async () => {
    const team = await teamWithUser("stripe-race");
    const user = { id: team.owner.id, email: team.owner.email };
    const [a, b] = await Promise.all([ensureStripeCustomer(team.id, user), ensureStripeCustomer(team.id, user)]);
    const storedId = (await stored(team.id)).stripeCustomerId;
    expect(a).toBe(storedId);
    expect(b).toBe(storedId);
    expect(await ensureStripeCustomer(team.id, user)).toBe(storedId);
  });

  it("falls back to a key of the parameters when Stripe refuses the team's key for other parameters", async () => {
    const team = await teamWithUser("stripe-idem");
    standIn.fail("/v1/customers", { status: 400, type: "idempotency_error", message: "Keys for idempotent requests can only be used with the same parameters" });
    const id = await ensureStripeCustomer(team.id, { id: team.owner.id, email: null });
    expect(id).toBe((await stored(team.id)).stripeCustomerId);
    const requests = standIn.requestsTo("/v1/customers");
    expect(requests.map((request) => request.idempotencyKey)).toEqual([`customer:${team.id}`, expect.stringMatching(new RegExp(`^customer:${team.id}:[0-9a-f]{16}$`))]);
    // Without an email, none is sent.
    expect(requests[1]?.body).toEqual({ name: team.name, metadata: { teamId: team.id } });
  });
});
