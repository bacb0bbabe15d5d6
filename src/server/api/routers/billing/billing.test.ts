import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { addMember, callerFor, createTeam as createBareTeam, createUser, type TestTeam } from "../../../../../test/factories";
import { startStripeStandIn, type StripeStandIn } from "../../../../../test/stripe-stand-in";
import { errorOf, fieldsOf } from "../../../../../test/trpc-errors";
import { getBaseDb } from "../../../db/client";
import { DomainError } from "../../../errors";
import { resetBillingConfigForTests } from "../../../services/billing/config";
import { proratedUpgradeCents } from "../../../services/billing/local-provider";
import { getSubscription } from "../../../services/billing/subscriptions";
import { invalidateTeamAccess } from "../../../services/team/team-access";
import { pinTestTier } from "../../../../../test/tenant-tier";

// This file tests placements (tiers, the shared tables) itself: its teams start SHARED in every per-tier run.
pinTestTier("SHARED");

const STRIPE_ENV = ["STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET", "STRIPE_API_BASE", "STRIPE_TIMEOUT_MS", "STRIPE_PRICE_STARTER", "STRIPE_PRICE_PROFESSIONAL", "STRIPE_PRICE_ENTERPRISE"] as const;
const savedEnv = Object.fromEntries(STRIPE_ENV.map((key) => [key, process.env[key]]));

let standIn: StripeStandIn;

/**
 * A team as the app has them: with its Starter subscription from the start
 * (createTeamWithOwner, or the billing migration's backfill for older teams).
 */
async function createTeam(label: string, status?: "ACTIVE" | "READ_ONLY" | "SOFT_LOCKED"): Promise<TestTeam> {
  const team = await createBareTeam(label, status);
  await getSubscription(team.id);
  return team;
}

beforeAll(async () => {
  standIn = await startStripeStandIn();
});

afterEach(() => {
  for (const key of STRIPE_ENV) {
    if (savedEnv[key] === undefined) delete process.env[key];
    else process.env[key] = savedEnv[key];
  }
  resetBillingConfigForTests();
  standIn.reset();
});

afterAll(async () => {
  await standIn.close();
});

/** Billing through the local stand-in for Stripe's API (the router then talks to "Stripe"). */
function connectStripe() {
  Object.assign(process.env, {
    STRIPE_SECRET_KEY: "sk_test_routerSecret123",
    STRIPE_WEBHOOK_SECRET: "whsec_routerTest",
    STRIPE_API_BASE: standIn.url,
    STRIPE_TIMEOUT_MS: "2000",
    STRIPE_PRICE_STARTER: "price_starter",
    STRIPE_PRICE_PROFESSIONAL: "price_pro",
    STRIPE_PRICE_ENTERPRISE: "price_ent",
  });
  resetBillingConfigForTests();
}

function domainCodeOf(error: { cause?: unknown }): string | null {
  return error.cause instanceof DomainError ? error.cause.code : null;
}

async function teamStatus(teamId: string) {
  return getBaseDb().team.findUniqueOrThrow({ where: { id: teamId }, select: { status: true, statusReason: true } });
}

async function seedInvoices(teamId: string, count: number, label: string) {
  await getBaseDb().billingInvoice.createMany({
    data: Array.from({ length: count }, (_, i) => ({
      teamId,
      provider: "local",
      externalId: `${label}_${teamId}_${i}`,
      number: `${label}-${i}`,
      status: "paid",
      amountDueCents: 1_000 + i,
      amountPaidCents: 1_000 + i,
      issuedAt: new Date(Date.UTC(2026, 0, 1 + i)),
      paidAt: new Date(Date.UTC(2026, 0, 1 + i)),
      hostedUrl: i === 0 ? "javascript:alert(1)" : `https://invoice.stripe.test/${label}-${i}`,
    })),
  });
}

describe("billing.overview", () => {
  it("shows the plan, provider, usage and tier to owners and admins, and refuses other roles", async () => {
    const a = await createTeam("billing-ov-a");
    const b = await createTeam("billing-ov-b");
    const admin = await addMember(a.id, "ADMIN");
    const manager = await addMember(a.id, "MANAGER");
    const staff = await addMember(a.id, "STAFF");
    await callerFor(b.owner, b.id).billing.changePlan({ planId: "enterprise" });

    const owner = await callerFor(a.owner, a.id).billing.overview();
    expect(owner).toMatchObject({
      plan: { id: "starter", name: "Starter", tier: "SHARED", aiTokensPerMonth: 200_000 },
      state: "active",
      subscription: { status: "ACTIVE", cancelAtPeriodEnd: false, failedPaymentCount: 0 },
      paymentMethod: { status: "none", label: null },
      provider: { id: "local", connected: false },
      usage: { usedTokens: 0, allowanceTokens: 200_000, overageTokens: 0, overageCents: 0 },
      tier: { team: "SHARED", plan: "SHARED", matches: true },
      team: { status: "ACTIVE" },
      canManage: true,
    });
    expect(owner.subscription.period.start.getTime()).toBeLessThanOrEqual(Date.now());
    expect(owner.subscription.period.end.getTime()).toBeGreaterThan(Date.now());

    const forAdmin = await callerFor(admin, a.id).billing.overview();
    expect(forAdmin).toMatchObject({ plan: { id: "starter" }, canManage: false });

    for (const user of [manager, staff]) {
      const error = await errorOf(callerFor(user, a.id).billing.overview());
      expect(error.code).toBe("FORBIDDEN");
    }
    expect((await errorOf(callerFor(null).billing.overview())).code).toBe("UNAUTHORIZED");

    // Team B's plan change is B's alone.
    await expect(callerFor(b.owner, b.id).billing.overview()).resolves.toMatchObject({ plan: { id: "enterprise" }, tier: { team: "SHARED", plan: "ISOLATED", matches: false } });
  });
});

describe("billing.changePlan", () => {
  it("applies a local upgrade at once for the owner only, with a local invoice, and touches no other team", async () => {
    const a = await createTeam("billing-cp-a");
    const b = await createTeam("billing-cp-b");
    const admin = await addMember(a.id, "ADMIN");
    const staff = await addMember(a.id, "STAFF");

    for (const user of [admin, staff]) {
      const error = await errorOf(callerFor(user, a.id).billing.changePlan({ planId: "professional" }));
      expect(error.code).toBe("FORBIDDEN");
    }
    await expect(callerFor(a.owner, a.id).billing.overview()).resolves.toMatchObject({ plan: { id: "starter" } });

    const result = await callerFor(a.owner, a.id).billing.changePlan({ planId: "professional" });
    expect(result).toEqual({ kind: "applied", planId: "professional" });

    const after = await callerFor(admin, a.id).billing.overview();
    expect(after).toMatchObject({
      plan: { id: "professional", tier: "SCHEMA" },
      state: "active",
      // The plan does not move the data: that is the tier migration's step.
      tier: { team: "SHARED", plan: "SCHEMA", matches: false },
      usage: { allowanceTokens: 2_000_000 },
    });
    const invoices = await callerFor(admin, a.id).billing.listInvoices();
    expect(invoices.items).toHaveLength(1);
    const [invoice] = invoices.items;
    expect(invoice).toMatchObject({ provider: "local", status: "paid", currency: "usd" });
    // The rest of the period at the new price, less what the old plan already covered.
    const charged = proratedUpgradeCents(2_900, 9_900, after.subscription.period, invoice?.issuedAt ?? new Date(0));
    expect(charged).toBeGreaterThan(0);
    expect(invoice?.amountDueCents).toBe(charged);

    // The same plan again is a conflict, not a second invoice.
    expect((await errorOf(callerFor(a.owner, a.id).billing.changePlan({ planId: "professional" }))).code).toBe("CONFLICT");
    expect((await callerFor(a.owner, a.id).billing.listInvoices()).items).toHaveLength(1);

    await expect(callerFor(b.owner, b.id).billing.overview()).resolves.toMatchObject({ plan: { id: "starter" } });
    await expect(callerFor(b.owner, b.id).billing.listInvoices()).resolves.toEqual({ items: [], nextCursor: null });
  });

  it("refuses an unknown plan with 400 on the field", async () => {
    const team = await createTeam("billing-cp-bad");
    const api = callerFor(team.owner, team.id);
    const error = await errorOf(api.billing.changePlan({ planId: "platinum" } as unknown as { planId: "starter" }));
    expect(error.code).toBe("BAD_REQUEST");
    expect(fieldsOf(error)).toEqual(["planId"]);
    expect(error.message).toContain("Choose one of the plans");
  });

  it("with Stripe connected, redirects to Checkout, and a Stripe outage is a retryable 503 that changed nothing", async () => {
    connectStripe();
    const team = await createTeam("billing-cp-stripe");
    const api = callerFor(team.owner, team.id);
    await expect(api.billing.overview()).resolves.toMatchObject({ provider: { id: "stripe", connected: true } });

    const result = await api.billing.changePlan({ planId: "professional" });
    expect(result.kind).toBe("redirect");
    if (result.kind === "redirect") expect(result.url).toMatch(/^https:\/\/checkout\.stripe\.test\//);
    const [checkout] = standIn.requestsTo("/v1/checkout/sessions", "POST");
    expect(checkout?.body).toMatchObject({ client_reference_id: team.id, mode: "subscription" });
    expect(String(checkout?.body.success_url)).toMatch(/\/settings\/billing\?checkout=success/);

    standIn.fail("/v1/checkout/sessions", { status: 503, times: 1 });
    const error = await errorOf(api.billing.changePlan({ planId: "enterprise" }));
    expect(error.code).toBe("SERVICE_UNAVAILABLE");
    expect(domainCodeOf(error)).toBe("BILLING_UNAVAILABLE");
    expect(error.message).toMatch(/Nothing was charged/);
    // Nothing changed here: the plan moves only when Stripe's webhook confirms it.
    await expect(api.billing.overview()).resolves.toMatchObject({ plan: { id: "starter" } });
    // The retry goes through.
    await expect(api.billing.changePlan({ planId: "enterprise" })).resolves.toMatchObject({ kind: "redirect" });
  });
});

describe("billing.listInvoices", () => {
  it("pages the team's invoices newest first and never shows another team's", async () => {
    const a = await createTeam("billing-inv-a");
    const b = await createTeam("billing-inv-b");
    await seedInvoices(a.id, 5, "A");
    await seedInvoices(b.id, 2, "B");
    const api = callerFor(a.owner, a.id);

    const first = await api.billing.listInvoices({ limit: 2 });
    expect(first.items.map((i) => i.number)).toEqual(["A-4", "A-3"]);
    expect(first.nextCursor).toBe(first.items[1]?.id);
    const second = await api.billing.listInvoices({ limit: 2, cursor: first.nextCursor ?? undefined });
    expect(second.items.map((i) => i.number)).toEqual(["A-2", "A-1"]);
    const third = await api.billing.listInvoices({ limit: 2, cursor: second.nextCursor ?? undefined });
    expect(third.items.map((i) => i.number)).toEqual(["A-0"]);
    expect(third.nextCursor).toBeNull();
    // Only an https page of the provider is linked.
    expect(third.items[0]?.hostedUrl).toBeNull();
    expect(second.items[0]?.hostedUrl).toBe("https://invoice.stripe.test/A-2");

    const others = await callerFor(b.owner, b.id).billing.listInvoices();
    expect(others.items.map((i) => i.number)).toEqual(["B-1", "B-0"]);

    // Another team's invoice is no cursor here.
    const foreign = await errorOf(api.billing.listInvoices({ cursor: others.items[0]?.id }));
    expect(foreign.code).toBe("BAD_REQUEST");
    expect(fieldsOf(foreign)).toEqual(["cursor"]);
    const tooMany = await errorOf(api.billing.listInvoices({ limit: 500 }));
    expect(tooMany.code).toBe("BAD_REQUEST");
    expect(fieldsOf(tooMany)).toEqual(["limit"]);

    const staff = await addMember(a.id, "STAFF");
    expect((await errorOf(callerFor(staff, a.id).billing.listInvoices())).code).toBe("FORBIDDEN");
  });
});

describe("billing on a soft-locked team", () => {
  it("lets the owner open the portal and fix payment, but refuses plan changes, cancellation and other writes", async () => {
    const locked = await createTeam("billing-locked", "SOFT_LOCKED");
    const api = callerFor(locked.owner, locked.id);

    const refused = await errorOf(api.project.create({ name: "Blocked" }));
    expect(refused.code).toBe("FORBIDDEN");
    expect(domainCodeOf(refused)).toBe("TEAM_LOCKED");

    await expect(api.billing.openPortal()).resolves.toMatchObject({ url: expect.stringMatching(/\/settings\/billing\?portal=local$/) });
    // A plan change (a local upgrade would record a paid invoice), a cancellation or a resume waits for payment.
    for (const write of [api.billing.changePlan({ planId: "professional" }), api.billing.cancel(), api.billing.resume()]) {
      expect(domainCodeOf(await errorOf(write))).toBe("TEAM_LOCKED");
    }
    expect((await getSubscription(locked.id)).planId).toBe("starter");
    await expect(api.billing.updatePaymentMethod({ card: "mastercard" })).resolves.toMatchObject({
      paymentMethod: { status: "ok", label: "Mastercard •••• 4444" },
      settledInvoiceId: null,
    });
    // Saving a card without an invoice in dunning does not lift a lock set for another reason.
    expect((await teamStatus(locked.id)).status).toBe("SOFT_LOCKED");

    // Permission still applies while locked.
    const admin = await addMember(locked.id, "ADMIN");
    expect((await errorOf(callerFor(admin, locked.id).billing.updatePaymentMethod({ card: "visa" }))).code).toBe("FORBIDDEN");
  });

  it("does not open billing writes to a READ_ONLY team (that lock is not about payment)", async () => {
    const readOnly = await createTeam("billing-readonly", "READ_ONLY");
    const error = await errorOf(callerFor(readOnly.owner, readOnly.id).billing.changePlan({ planId: "professional" }));
    expect(error.code).toBe("FORBIDDEN");
    expect(domainCodeOf(error)).toBe("TEAM_LOCKED");
  });
});

describe("local portal: cancel, resume, payment method", () => {
  it("cancels at period end and resumes, owner only", async () => {
    const team = await createTeam("billing-cancel");
    const other = await createTeam("billing-cancel-other");
    const admin = await addMember(team.id, "ADMIN");
    const api = callerFor(team.owner, team.id);

    expect((await errorOf(callerFor(admin, team.id).billing.cancel())).code).toBe("FORBIDDEN");
    const canceled = await api.billing.cancel();
    const overview = await api.billing.overview();
    expect(overview).toMatchObject({ state: "canceling", subscription: { cancelAtPeriodEnd: true, status: "ACTIVE" } });
    expect(canceled.endsAt).toEqual(overview.subscription.period.end);
    // Twice is the same.
    await expect(api.billing.cancel()).resolves.toMatchObject({ cancelAtPeriodEnd: true });
    await expect(callerFor(other.owner, other.id).billing.overview()).resolves.toMatchObject({ state: "active" });

    expect((await errorOf(callerFor(admin, team.id).billing.resume())).code).toBe("FORBIDDEN");
    await api.billing.resume();
    await expect(api.billing.overview()).resolves.toMatchObject({ state: "active", subscription: { cancelAtPeriodEnd: false } });
  });

  it("stores only a test card's label and validates the choice", async () => {
    const team = await createTeam("billing-card");
    const api = callerFor(team.owner, team.id);
    await api.billing.updatePaymentMethod({ card: "visa" });
    await expect(api.billing.overview()).resolves.toMatchObject({ paymentMethod: { status: "ok", label: "Visa •••• 4242" } });

    const bad = await errorOf(api.billing.updatePaymentMethod({ card: "4242424242424242" } as unknown as { card: "visa" }));
    expect(bad.code).toBe("BAD_REQUEST");
    expect(fieldsOf(bad)).toEqual(["card"]);
    const admin = await addMember(team.id, "ADMIN");
    expect((await errorOf(callerFor(admin, team.id).billing.updatePaymentMethod({ card: "amex" }))).code).toBe("FORBIDDEN");
  });

  it("is refused with a clear message while Stripe is connected", async () => {
    connectStripe();
    const team = await createTeam("billing-local-only");
    const api = callerFor(team.owner, team.id);
    for (const call of [() => api.billing.cancel(), () => api.billing.resume(), () => api.billing.updatePaymentMethod({ card: "visa" })]) {
      const error = await errorOf(call());
      expect(error.code).toBe("CONFLICT");
      expect(error.message).toMatch(/connected to Stripe: .* in the billing portal\./);
    }
  });
});

describe("billing.simulatePayment (operators, local billing)", () => {
  it("drives dunning to a lock on the 3rd failure; a new card pays the invoice and unlocks at once", async () => {
    const operator = await createUser("billing-operator", { superAdmin: true });
    const a = await createTeam("billing-dunning-a");
    const b = await createTeam("billing-dunning-b");
    const sys = callerFor(operator);
    const owner = callerFor(a.owner, a.id);

    const first = await sys.billing.simulatePayment({ teamId: a.id, outcome: "failed" });
    expect(first).toMatchObject({ attempt: 1, outcome: "failed", teamStatus: "ACTIVE", failedPaymentCount: 1 });
    expect(first.nextPaymentAttemptAt).toBeInstanceOf(Date);
    await expect(owner.billing.overview()).resolves.toMatchObject({ state: "past_due", subscription: { status: "PAST_DUE", failedPaymentCount: 1 }, paymentMethod: { status: "failing" } });

    const second = await sys.billing.simulatePayment({ teamId: a.id, outcome: "failed" });
    expect(second).toMatchObject({ attempt: 2, invoiceId: first.invoiceId, teamStatus: "ACTIVE", failedPaymentCount: 2 });
    const third = await sys.billing.simulatePayment({ teamId: a.id, outcome: "failed" });
    expect(third).toMatchObject({ attempt: 3, invoiceId: first.invoiceId, teamStatus: "SOFT_LOCKED", failedPaymentCount: 3, nextPaymentAttemptAt: null });

    // The same event recorded once: the ledger holds one row per attempt.
    const events = await getBaseDb().billingEvent.findMany({ where: { source: "local", teamId: a.id }, select: { type: true, externalId: true } });
    expect(events.map((e) => e.type).sort()).toEqual(["invoice.payment_failed", "invoice.payment_failed", "invoice.payment_failed"]);

    invalidateTeamAccess(a.id);
    expect((await teamStatus(a.id)).status).toBe("SOFT_LOCKED");
    await expect(owner.billing.overview()).resolves.toMatchObject({ state: "locked" });
    const refused = await errorOf(owner.project.create({ name: "While locked" }));
    expect(domainCodeOf(refused)).toBe("TEAM_LOCKED");
    await expect(owner.project.list()).resolves.toMatchObject({ items: [] });

    // Team B was never touched.
    expect((await teamStatus(b.id)).status).toBe("ACTIVE");
    await expect(callerFor(b.owner, b.id).billing.overview()).resolves.toMatchObject({ state: "active", subscription: { failedPaymentCount: 0 } });
    await expect(callerFor(b.owner, b.id).project.create({ name: "B works" })).resolves.toMatchObject({ name: "B works" });

    // The owner fixes payment from the local portal: the open invoice is paid and the team unlocked.
    const fixed = await owner.billing.updatePaymentMethod({ card: "visa" });
    expect(fixed).toMatchObject({ settledInvoiceId: first.invoiceId, teamStatus: "ACTIVE", paymentMethod: { status: "ok", label: "Visa •••• 4242" } });
    expect(await teamStatus(a.id)).toEqual({ status: "ACTIVE", statusReason: null });
    await expect(owner.project.create({ name: "After unlock" })).resolves.toMatchObject({ name: "After unlock" });
    await expect(owner.billing.overview()).resolves.toMatchObject({ state: "active", subscription: { status: "ACTIVE", failedPaymentCount: 0, nextPaymentAttemptAt: null } });
    const paid = await getBaseDb().billingEvent.findMany({ where: { source: "local", teamId: a.id, type: "invoice.paid" }, select: { status: true } });
    expect(paid).toEqual([{ status: "PROCESSED" }]);
  });

  it("records a paid attempt of a new invoice when nothing is in dunning", async () => {
    const operator = await createUser("billing-operator-paid", { superAdmin: true });
    const team = await createTeam("billing-sim-paid");
    const result = await callerFor(operator).billing.simulatePayment({ teamId: team.id, outcome: "paid" });
    expect(result).toMatchObject({ attempt: 1, outcome: "paid", teamStatus: "ACTIVE", failedPaymentCount: 0 });
    expect(result.invoiceId).toMatch(/^in_local_/);
  });

  it("is for operators only, with valid input, for a team that exists, and only while billing is local", async () => {
    const team = await createTeam("billing-sim-guard");
    const operator = await createUser("billing-operator-guard", { superAdmin: true });
    const owner = await errorOf(callerFor(team.owner, team.id).billing.simulatePayment({ teamId: team.id, outcome: "failed" }));
    expect(owner.code).toBe("FORBIDDEN");
    expect((await errorOf(callerFor(null).billing.simulatePayment({ teamId: team.id, outcome: "failed" }))).code).toBe("UNAUTHORIZED");

    const bad = await errorOf(callerFor(operator).billing.simulatePayment({ teamId: "no such id!", outcome: "maybe" } as unknown as { teamId: string; outcome: "paid" }));
    expect(bad.code).toBe("BAD_REQUEST");
    expect(fieldsOf(bad).sort()).toEqual(["outcome", "teamId"]);
    expect((await errorOf(callerFor(operator).billing.simulatePayment({ teamId: "missing-team", outcome: "failed" }))).code).toBe("NOT_FOUND");

    connectStripe();
    const connected = await errorOf(callerFor(operator).billing.simulatePayment({ teamId: team.id, outcome: "failed" }));
    expect(connected.code).toBe("CONFLICT");
    expect(connected.message).toBe("Payments can be simulated only while billing is not connected to Stripe.");
    expect(await getBaseDb().billingEvent.count({ where: { teamId: team.id } })).toBe(0);
    expect((await teamStatus(team.id)).status).toBe("ACTIVE");
  });
});
