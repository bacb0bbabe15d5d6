import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { addMember, createTeam, uniqueSuffix, type TestTeam } from "../../../../../test/factories";
import { startStripeStandIn, type StripeStandIn } from "../../../../../test/stripe-stand-in";
import { getBaseDb } from "@/server/db/client";
import { getTenantDb } from "@/server/db/get-tenant-db";
import { getJobDefinition } from "@/server/jobs/registry";
import { resetBillingConfigForTests } from "@/server/services/billing/config";
import { processBillingEvent, recordBillingEvent } from "@/server/services/billing/events/ledger";
import { getSubscription } from "@/server/services/billing/subscriptions";
import { POST } from "./route";

// The real ledger, with a seam to make storing fail (the database away → 503).
vi.mock("@/server/services/billing/events/ledger", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/server/services/billing/events/ledger")>();
  return { ...real, recordBillingEvent: vi.fn(real.recordBillingEvent) };
});

/**
 * The Stripe webhook with real signatures (Stripe.webhooks.generateTestHeaderString),
 * processing run as the jobs would run it, and Stripe API calls answered by the
 * local stand-in. Every test has a second team that must see nothing.
 */
const SECRET = "whsec_test_webhooksecret123";
const PRICE_PRO = "price_pro_fixed";
const PRICE_ENT = "price_ent_fixed";
const db = getBaseDb();
const savedEnv = { ...process.env };
let standIn: StripeStandIn;

beforeAll(async () => {
  standIn = await startStripeStandIn();
  process.env.STRIPE_SECRET_KEY = "sk_test_webhooks123";
  process.env.STRIPE_WEBHOOK_SECRET = SECRET;
  process.env.STRIPE_API_BASE = standIn.url;
  process.env.STRIPE_PRICE_PROFESSIONAL = PRICE_PRO;
  process.env.STRIPE_PRICE_ENTERPRISE = PRICE_ENT;
  resetBillingConfigForTests();
});

afterAll(async () => {
  for (const key of ["STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET", "STRIPE_API_BASE", "STRIPE_PRICE_PROFESSIONAL", "STRIPE_PRICE_ENTERPRISE"]) {
    if (savedEnv[key] === undefined) delete process.env[key];
    else process.env[key] = savedEnv[key];
  }
  resetBillingConfigForTests();
  await standIn.close();
});

const unix = (iso: string) => Math.floor(new Date(iso).getTime() / 1000);
// Subscription events must be newer than the state a team starts with (its creation): times after now.
const DAY = 86_400;
const T0 = Math.floor(Date.now() / 1000 / DAY) * DAY + 10 * DAY;
const at = (days: number) => T0 + Math.round(days * DAY);
const dateAt = (days: number) => new Date(at(days) * 1000);

function stripeEvent(type: string, object: Record<string, unknown>, created = Math.floor(Date.now() / 1000)) {
  return {
    id: `evt_${uniqueSuffix()}${uniqueSuffix()}`,
    object: "event",
    api_version: "2026-10-28.endive",
    created,
    type,
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    data: { object },
  };
}

function webhookRequest(body: string, signature: string | null): Request {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (signature !== null) headers["stripe-signature"] = signature;
  return new Request("http://test/api/webhooks/stripe", { method: "POST", body, headers });
}

async function deliver(event: object, secret = SECRET): Promise<Response> {
  const payload = JSON.stringify(event);
  return POST(webhookRequest(payload, Stripe.webhooks.generateTestHeaderString({ payload, secret })));
}

async function stored(eventId: string) {
  return db.billingEvent.findUnique({ where: { source_externalId: { source: "stripe", externalId: eventId } }, select: { id: true, status: true, teamId: true, error: true, attempts: true } });
}

const ctx = { runId: "test", attempt: 1, signal: new AbortController().signal, progress: async () => undefined };

/** Runs queued runs of a job (as the embedded runner would), limited to the given keys or team. */
async function runJobs(job: string, where: { keys?: string[]; teamId?: string }): Promise<number> {
  const definition = getJobDefinition(job);
  if (!definition) throw new Error(`${job} is not registered`);
  const runs = await db.jobRun.findMany({
    where: { job, status: "QUEUED", ...(where.keys ? { key: { in: where.keys } } : {}), ...(where.teamId ? { teamId: where.teamId } : {}) },
    orderBy: { createdAt: "asc" },
    select: { id: true, payload: true },
  });
  for (const run of runs) {
    await definition.run(run.payload, { ...ctx, runId: run.id });
    await db.jobRun.update({ where: { id: run.id }, data: { status: "SUCCEEDED", finishedAt: new Date() } });
  }
  return runs.length;
}

/** Processes a delivered event through its queued job, then the team's dunning steps. */
async function processDelivered(eventId: string, teamId?: string): Promise<void> {
  const row = await stored(eventId);
  if (!row) throw new Error(`event ${eventId} was not stored`);
  await runJobs("process-billing-event", { keys: [`billing-event:${row.id}`] });
  if (teamId) await runJobs("dunning-step", { teamId });
}

type StripeTeam = TestTeam & { customerId: string };

async function stripeTeam(label: string): Promise<StripeTeam> {
  const team = await createTeam(label);
  await addMember(team.id, "ADMIN", `${label}-admin`);
  await getSubscription(team.id);
  const customerId = `cus_${uniqueSuffix()}`;
  await db.subscription.update({ where: { teamId: team.id }, data: { stripeCustomerId: customerId, provider: "stripe" } });
  return { ...team, customerId };
}

function invoice(team: StripeTeam, overrides: Record<string, unknown> = {}) {
  const id = `in_${uniqueSuffix()}`;
  return {
    id,
    object: "invoice",
    customer: team.customerId,
    number: `INV-${id.slice(-4).toUpperCase()}`,
    status: "open",
    currency: "usd",
    amount_due: 9_900,
    amount_paid: 0,
    attempt_count: 1,
    next_payment_attempt: unix("2026-11-04T00:00:00Z"),
    created: unix("2026-11-01T00:00:00Z"),
    period_start: unix("2026-10-01T00:00:00Z"),
    period_end: unix("2026-11-01T00:00:00Z"),
    hosted_invoice_url: "https://invoice.stripe.test/i/abc",
    status_transitions: { paid_at: null },
    parent: { type: "subscription_details", subscription_details: { subscription: `sub_${uniqueSuffix()}`, metadata: {} } },
    metadata: {},
    ...overrides,
  };
}

function subscription(team: StripeTeam, overrides: Record<string, unknown> = {}) {
  return {
    id: `sub_${uniqueSuffix()}`,
    object: "subscription",
    customer: team.customerId,
    status: "active",
    cancel_at_period_end: false,
    canceled_at: null,
    ended_at: null,
    metadata: { teamId: team.id },
    items: {
      object: "list",
      data: [{ id: `si_${uniqueSuffix()}`, price: { id: PRICE_PRO }, current_period_start: at(0), current_period_end: at(30) }],
    },
    ...overrides,
  };
}

async function dunningTraces(teamId: string) {
  const emails = await db.emailMessage.count({ where: { teamId, kind: { startsWith: "billing." } } });
  const notifications = await (await getTenantDb(teamId)).notification.count({ where: { type: "billing.payment" } });
  return { emails, notifications };
}

async function expectUntouched(other: StripeTeam) {
  const sub = await getSubscription(other.id);
  expect(sub).toMatchObject({ planId: "starter", status: "ACTIVE", failedPaymentCount: 0, stripeSubscriptionId: null });
  expect(await db.team.findUniqueOrThrow({ where: { id: other.id }, select: { status: true } })).toEqual({ status: "ACTIVE" });
  expect(await dunningTraces(other.id)).toEqual({ emails: 0, notifications: 0 });
  expect(await db.billingEvent.count({ where: { teamId: other.id } })).toBe(0);
  expect(await db.billingInvoice.count({ where: { teamId: other.id } })).toBe(0);
}

describe("POST /api/webhooks/stripe", () => {
  it("refuses a bad or missing signature with 400 and stores nothing", async () => {
    const team = await stripeTeam("wh-sig");
    const event = stripeEvent("invoice.paid", invoice(team));
    const payload = JSON.stringify(event);

    const wrongSecret = await deliver(event, "whsec_not_the_secret");
    expect(wrongSecret.status).toBe(400);
    const missing = await POST(webhookRequest(payload, null));
    expect(missing.status).toBe(400);
    // Signed, then changed: the signature covers the raw body.
    const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret: SECRET });
    const tampered = await POST(webhookRequest(payload.replace('"amount_due":9900', '"amount_due":1'), signature));
    expect(tampered.status).toBe(400);
    const garbage = await POST(webhookRequest(payload, "t=1,v1=deadbeef"));
    expect(garbage.status).toBe(400);

    expect(await stored(event.id)).toBeNull();
    expect(await db.billingEvent.count({ where: { externalId: event.id } })).toBe(0);
  });

  it("stores an event delivered 5 times once and processes it once: one email and one notification per person", async () => {
    const team = await stripeTeam("wh-dup");
    const other = await stripeTeam("wh-dup-other");
    const event = stripeEvent("invoice.payment_failed", invoice(team));

    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await deliver(event));
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    const bodies = await Promise.all(answers.map((r) => r.json()));
    expect(bodies).toEqual([
      { received: true, duplicate: false },
      { received: true, duplicate: true },
      { received: true, duplicate: true },
      { received: true, duplicate: true },
      { received: true, duplicate: true },
    ]);
    expect(await db.billingEvent.count({ where: { source: "stripe", externalId: event.id } })).toBe(1);
    const row = await stored(event.id);
    expect(row?.status).toBe("RECEIVED");
    expect(await db.jobRun.count({ where: { key: `billing-event:${row?.id}` } })).toBe(1);

    await processDelivered(event.id, team.id);
    // More deliveries and direct re-processing after it is done change nothing.
    await deliver(event);
    await Promise.all([processBillingEvent(row?.id ?? ""), processBillingEvent(row?.id ?? "")]);
    await runJobs("dunning-step", { teamId: team.id });

    expect(await stored(event.id)).toMatchObject({ status: "PROCESSED", teamId: team.id, attempts: 1 });
    expect(await dunningTraces(team.id)).toEqual({ emails: 2, notifications: 2 }); // owner and admin, once each
    const sub = await getSubscription(team.id);
    expect(sub).toMatchObject({ status: "PAST_DUE", failedPaymentCount: 1, paymentMethodStatus: "failing" });
    expect(await db.billingInvoice.findFirst({ where: { teamId: team.id }, select: { provider: true, status: true, attemptCount: true, hostedUrl: true } })).toEqual({
      provider: "stripe",
      status: "open",
      attemptCount: 1,
      hostedUrl: "https://invoice.stripe.test/i/abc",
    });
    await expectUntouched(other);
  });

  it("stores an unknown event type, marks it IGNORED and answers 200", async () => {
    const event = stripeEvent("customer.tax_id.created", { id: "txi_1", object: "tax_id", customer: "cus_x" });
    const response = await deliver(event);
    expect(response.status).toBe(200);
    await processDelivered(event.id);
    expect(await stored(event.id)).toMatchObject({ status: "IGNORED", teamId: null, error: "Event type not handled." });
  });

  it("acknowledges an event of an unknown customer and ignores it", async () => {
    const other = await stripeTeam("wh-unknown-other");
    const ghost = { id: "ghost", owner: other.owner, customerId: `cus_ghost_${uniqueSuffix()}` };
    const ghostInvoice = invoice(ghost, { attempt_count: 3 });
    const event = stripeEvent("invoice.payment_failed", ghostInvoice);
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      expect((await deliver(event)).status).toBe(200);
      await processDelivered(event.id);
      expect(warn).toHaveBeenCalledTimes(1);
      const line = String(warn.mock.calls[0]?.[0]);
      expect(line).toContain(ghost.customerId);
      expect(line).not.toContain("9900");
    } finally {
      warn.mockRestore();
    }
    expect(await stored(event.id)).toMatchObject({ status: "IGNORED", teamId: null });
    expect(await db.billingInvoice.count({ where: { externalId: ghostInvoice.id } })).toBe(0);
    await expectUntouched(other);
  });

  it("does not lock the team when invoice.paid of a newer invoice arrives before invoice.payment_failed of an older one", async () => {
    const team = await stripeTeam("wh-order");
    const other = await stripeTeam("wh-order-other");
    const older = invoice(team, { created: unix("2026-10-01T00:00:00Z"), attempt_count: 3, next_payment_attempt: null });
    const newer = invoice(team, { created: unix("2026-11-01T00:00:00Z"), status: "paid", amount_paid: 9_900, status_transitions: { paid_at: unix("2026-11-01T00:10:00Z") } });

    const paid = stripeEvent("invoice.paid", newer, unix("2026-11-01T00:10:00Z"));
    const failed = stripeEvent("invoice.payment_failed", older, unix("2026-10-20T00:00:00Z"));
    expect((await deliver(paid)).status).toBe(200);
    expect((await deliver(failed)).status).toBe(200);
    await processDelivered(paid.id, team.id);
    await processDelivered(failed.id, team.id);

    expect(await db.team.findUniqueOrThrow({ where: { id: team.id }, select: { status: true } })).toEqual({ status: "ACTIVE" });
    expect(await getSubscription(team.id)).toMatchObject({ failedPaymentCount: 0, dunningInvoiceId: null, paymentMethodStatus: "ok" });
    expect(await dunningTraces(team.id)).toEqual({ emails: 0, notifications: 0 });
    expect(await stored(failed.id)).toMatchObject({ status: "PROCESSED", error: "Older than the newest paid invoice: nothing changed." });
    await expectUntouched(other);
  });

  it("applies subscription changes in event order, not delivery order", async () => {
    const team = await stripeTeam("wh-sub");
    const other = await stripeTeam("wh-sub-other");
    const base = subscription(team);
    const newer = stripeEvent("customer.subscription.updated", { ...base, cancel_at_period_end: true }, at(1));
    const older = stripeEvent(
      "customer.subscription.updated",
      { ...base, items: { object: "list", data: [{ id: "si_old", price: { id: PRICE_ENT }, current_period_start: at(-30), current_period_end: at(0) }] } },
      at(0.5),
    );
    await deliver(newer);
    await deliver(older);
    await processDelivered(newer.id);
    await processDelivered(older.id);

    expect(await getSubscription(team.id)).toMatchObject({
      planId: "professional",
      status: "ACTIVE",
      provider: "stripe",
      stripeSubscriptionId: base.id,
      cancelAtPeriodEnd: true,
      currentPeriodStart: dateAt(0),
      currentPeriodEnd: dateAt(30),
      stateAt: dateAt(1),
    });
    expect(await stored(older.id)).toMatchObject({ status: "PROCESSED", error: "Older than the stored subscription state: not applied." });
    expect(await db.revenueEvent.count({ where: { sourceKey: `stripe:${older.id}` } })).toBe(0);
    expect(await db.revenueEvent.findUnique({ where: { sourceKey: `stripe:${newer.id}` }, select: { kind: true, planId: true } })).toEqual({ kind: "expansion", planId: "professional" });

    // Past due, then deleted → CANCELED (churn).
    const pastDue = stripeEvent("customer.subscription.updated", { ...base, status: "past_due" }, at(2));
    await deliver(pastDue);
    await processDelivered(pastDue.id);
    expect((await getSubscription(team.id)).status).toBe("PAST_DUE");
    const deleted = stripeEvent("customer.subscription.deleted", { ...base, status: "canceled", canceled_at: at(3) }, at(3));
    await deliver(deleted);
    await processDelivered(deleted.id);
    expect(await getSubscription(team.id)).toMatchObject({ status: "CANCELED", canceledAt: dateAt(3), cancelAtPeriodEnd: false });
    expect(await db.revenueEvent.findUnique({ where: { sourceKey: `stripe:${deleted.id}` }, select: { kind: true, mrrCents: true } })).toEqual({ kind: "churn", mrrCents: 0 });
    // The end of an earlier subscription, delivered late, does not end a new one.
    const renewed = subscription(team);
    const created = stripeEvent("customer.subscription.created", renewed, at(4));
    const oldEnd = stripeEvent("customer.subscription.deleted", { ...subscription(team), status: "canceled" }, at(5));
    for (const event of [created, oldEnd]) {
      await deliver(event);
      await processDelivered(event.id);
    }
    expect(await getSubscription(team.id)).toMatchObject({ status: "ACTIVE", stripeSubscriptionId: renewed.id });
    expect(await stored(oldEnd.id)).toMatchObject({ status: "PROCESSED", error: "About an earlier subscription of the team: not applied." });
    await expectUntouched(other);
  });

  it("checkout.session.completed stores the ids and applies the subscription fetched from Stripe", async () => {
    const team = await stripeTeam("wh-checkout");
    const other = await stripeTeam("wh-checkout-other");
    const sub = subscription(team, { items: { object: "list", data: [{ id: "si_1", price: { id: PRICE_ENT }, current_period_start: at(0), current_period_end: at(30) }] } });
    standIn.respond((request) => (request.method === "GET" && request.path === `/v1/subscriptions/${sub.id}` ? { body: sub } : undefined));
    const session = { id: `cs_test_${uniqueSuffix()}`, object: "checkout.session", mode: "subscription", customer: team.customerId, subscription: sub.id, client_reference_id: team.id, metadata: { teamId: team.id, planId: "enterprise" } };
    const event = stripeEvent("checkout.session.completed", session, at(0.01));
    expect((await deliver(event)).status).toBe(200);
    await processDelivered(event.id);

    expect(standIn.requestsTo(`/v1/subscriptions/${sub.id}`, "GET")).toHaveLength(1);
    expect(await stored(event.id)).toMatchObject({ status: "PROCESSED", teamId: team.id });
    expect(await getSubscription(team.id)).toMatchObject({
      planId: "enterprise",
      status: "ACTIVE",
      provider: "stripe",
      stripeCustomerId: team.customerId,
      stripeSubscriptionId: sub.id,
      currentPeriodStart: dateAt(0),
      currentPeriodEnd: dateAt(30),
    });
    await expectUntouched(other);
  });

  it("checkout.session.completed retries while Stripe is unavailable, and falls back to the session's plan when the subscription is gone", async () => {
    const team = await stripeTeam("wh-checkout-down");
    const subId = `sub_${uniqueSuffix()}`;
    standIn.fail(`/v1/subscriptions/${subId}`, { status: 500, times: 1 });
    const session = { id: `cs_test_${uniqueSuffix()}`, object: "checkout.session", mode: "subscription", customer: team.customerId, subscription: subId, client_reference_id: team.id, metadata: { teamId: team.id, planId: "professional" } };
    const event = stripeEvent("checkout.session.completed", session, at(0));
    await deliver(event);
    const row = await stored(event.id);
    await expect(processBillingEvent(row?.id ?? "")).rejects.toThrow();
    expect(await stored(event.id)).toMatchObject({ status: "FAILED" });
    expect((await stored(event.id))?.error).not.toContain("sk_test_webhooks123");
    // Next try: the subscription is gone (404 resource_missing) → the session's plan applies.
    standIn.respond((request) =>
      request.path === `/v1/subscriptions/${subId}` ? { status: 404, body: { error: { type: "invalid_request_error", code: "resource_missing", message: "No such subscription." } } } : undefined,
    );
    expect(await processBillingEvent(row?.id ?? "")).toBe("processed");
    expect(await getSubscription(team.id)).toMatchObject({ planId: "professional", status: "ACTIVE", stripeSubscriptionId: subId, currentPeriodStart: dateAt(0), stateAt: dateAt(0) });
  });

  it("answers 413 for a body over 1 MB and 503 when the event cannot be stored", async () => {
    const big = "x".repeat(1_000_001);
    const tooLarge = await POST(webhookRequest(big, Stripe.webhooks.generateTestHeaderString({ payload: big, secret: SECRET })));
    expect(tooLarge.status).toBe(413);

    const event = stripeEvent("invoice.paid", { id: `in_${uniqueSuffix()}`, object: "invoice" });
    vi.mocked(recordBillingEvent).mockRejectedValueOnce(Object.assign(new Error("Can't reach database server"), { code: "P1001" }));
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      const unavailable = await deliver(event);
      expect(unavailable.status).toBe(503);
      expect(String(error.mock.calls[0]?.[0])).not.toContain(SECRET);
    } finally {
      error.mockRestore();
    }
    // Stripe's retry is stored.
    expect((await deliver(event)).status).toBe(200);
    expect(await stored(event.id)).toMatchObject({ status: "RECEIVED" });
  });

  it("answers 404 when Stripe is not configured (the local billing default)", async () => {
    const key = process.env.STRIPE_SECRET_KEY;
    delete process.env.STRIPE_SECRET_KEY;
    resetBillingConfigForTests();
    try {
      const event = stripeEvent("invoice.paid", { id: "in_x", object: "invoice" });
      const response = await deliver(event);
      expect(response.status).toBe(404);
      expect(await response.text()).toContain("not configured");
      expect(await stored(event.id)).toBeNull();
    } finally {
      process.env.STRIPE_SECRET_KEY = key;
      resetBillingConfigForTests();
    }
  });
});
