import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTeam, type TestTeam } from "../../../../test/factories";
import { PLANS } from "@/lib/plans";
import { getBaseDb } from "../../db/client";
import { DomainError } from "../../errors";
import { resetBillingConfigForTests } from "./config";
import { cancelLocalSubscription, changeLocalPlan, proratedUpgradeCents, resumeLocalSubscription, updateLocalPaymentMethod } from "./local-provider";
import { getBillingProvider } from "./provider";
import { closeLocalBillingPeriod, localPeriodInvoiceId } from "./period-close";
import { applySubscriptionChange, getSubscription } from "./subscriptions";

const savedKey = process.env.STRIPE_SECRET_KEY;
const appUrl = (path: string) => `https://app.test${path}`;

beforeEach(() => {
  delete process.env.STRIPE_SECRET_KEY;
  resetBillingConfigForTests();
});

afterEach(() => {
  if (savedKey === undefined) delete process.env.STRIPE_SECRET_KEY;
  else process.env.STRIPE_SECRET_KEY = savedKey;
  resetBillingConfigForTests();
});

async function rejection(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof DomainError)) throw new Error(`expected a DomainError, got ${String(error)}`);
  return error;
}

function changePlan(team: TestTeam, planId: "starter" | "professional" | "enterprise") {
  return getBillingProvider().changePlan({ teamId: team.id, planId, user: { id: team.owner.id, email: team.owner.email }, appUrl });
}

/** Everything billing keeps about a team: what a second team must never see change. */
async function billingState(teamId: string) {
  const db = getBaseDb();
  const [subscription, revenue, invoices, team] = await Promise.all([
    db.subscription.findUnique({ where: { teamId } }),
    db.revenueEvent.findMany({ where: { teamId }, orderBy: { occurredAt: "asc" }, select: { kind: true, planId: true, previousPlanId: true, mrrCents: true, previousMrrCents: true, sourceKey: true } }),
    db.billingInvoice.findMany({ where: { teamId }, orderBy: { issuedAt: "asc" } }),
    db.team.findUniqueOrThrow({ where: { id: teamId }, select: { tier: true, status: true } }),
  ]);
  return { subscription, revenue, invoices, team };
}

describe("local billing provider", () => {
  it("is the provider without a Stripe key, not connected, with the in-app portal", async () => {
    const provider = getBillingProvider();
    expect(provider).toMatchObject({ id: "local", connected: false });
    const team = await createTeam("local-portal");
    expect(await provider.openPortal({ teamId: team.id, appUrl })).toEqual({ url: "https://app.test/settings/billing?portal=local" });
  });

  it("an upgrade applies at once: subscription, an expansion in the ledger and a paid local invoice", async () => {
    const team = await createTeam("local-upgrade");
    const other = await createTeam("local-upgrade-other");
    await getSubscription(other.id);
    const otherBefore = await billingState(other.id);
    const before = await getSubscription(team.id);
    const tierBefore = (await billingState(team.id)).team.tier;

    expect(await changePlan(team, "professional")).toEqual({ kind: "applied", planId: "professional" });

    const after = await billingState(team.id);
    expect(after.subscription).toMatchObject({
      planId: "professional",
      status: "ACTIVE",
      provider: "local",
      currentPeriodStart: before.currentPeriodStart,
      currentPeriodEnd: before.currentPeriodEnd,
    });
    expect(after.subscription?.stateAt.getTime()).toBeGreaterThanOrEqual(before.stateAt.getTime());
    const expansion = after.revenue.find((event) => event.kind === "expansion");
    expect(expansion).toMatchObject({ planId: "professional", previousPlanId: "starter", mrrCents: PLANS.professional.monthlyPriceCents, previousMrrCents: PLANS.starter.monthlyPriceCents });
    expect(expansion?.sourceKey).toMatch(/^local:plan:[0-9a-f-]{36}$/);

    expect(after.invoices).toHaveLength(1);
    const [invoice] = after.invoices;
    const changeId = expansion?.sourceKey.slice("local:plan:".length);
    expect(invoice).toMatchObject({
      provider: "local",
      externalId: `local_${changeId}`,
      status: "paid",
      currency: "usd",
      periodEnd: before.currentPeriodEnd,
    });
    // The difference for what is left of the period: (9,900 − 2,900) × left ÷ length, at the time of the change.
    const length = before.currentPeriodEnd.getTime() - before.currentPeriodStart.getTime();
    const left = before.currentPeriodEnd.getTime() - (invoice?.issuedAt.getTime() ?? 0);
    const prorated = Math.round(((PLANS.professional.monthlyPriceCents - PLANS.starter.monthlyPriceCents) * left) / length);
    expect(invoice?.amountDueCents).toBe(prorated);
    expect(invoice?.amountPaidCents).toBe(prorated);
    expect(invoice?.periodStart).toEqual(invoice?.issuedAt);
    expect(invoice?.paidAt).toEqual(invoice?.issuedAt);
    const month = `${invoice?.issuedAt.getUTCFullYear()}${String((invoice?.issuedAt.getUTCMonth() ?? 0) + 1).padStart(2, "0")}`;
    expect(invoice?.number).toMatch(new RegExp(`^LOCAL-${month}-[0-9A-F]{8}$`));
    // The plan does not move the team's data.
    expect(after.team.tier).toBe(tierBefore);

    expect(await billingState(other.id)).toEqual(otherBefore);
  });

  it("a downgrade applies without an invoice; the current plan is refused with nothing written", async () => {
    const team = await createTeam("local-downgrade");
    await changeLocalPlan({ teamId: team.id, planId: "enterprise" });
    expect(await changeLocalPlan({ teamId: team.id, planId: "starter" })).toEqual({ kind: "applied", planId: "starter" });
    let state = await billingState(team.id);
    expect(state.subscription?.planId).toBe("starter");
    expect(state.revenue.map((event) => event.kind)).toEqual(["new", "expansion", "contraction"]);
    expect(state.invoices).toHaveLength(1);

    const error = await rejection(changePlan(team, "starter"));
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toBe("Your team is already on the Starter plan.");
    state = await billingState(team.id);
    expect(state.revenue).toHaveLength(3);
    expect(state.invoices).toHaveLength(1);
  });

  it("two upgrades at once apply one after the other: one invoice, the second is refused", async () => {
    const team = await createTeam("local-race");
    await getSubscription(team.id);
    const results = await Promise.allSettled([changeLocalPlan({ teamId: team.id, planId: "professional" }), changeLocalPlan({ teamId: team.id, planId: "professional" })]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected");
    expect(refused?.status === "rejected" && refused.reason instanceof DomainError && refused.reason.code).toBe("CONFLICT");
    const state = await billingState(team.id);
    expect(state.invoices).toHaveLength(1);
    expect(state.revenue.filter((event) => event.kind === "expansion")).toHaveLength(1);
  });

  it("refuses an unknown plan as bad input", async () => {
    const team = await createTeam("local-bad-plan");
    const error = await rejection(changeLocalPlan({ teamId: team.id, planId: "platinum" as "starter" }));
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.field).toBe("planId");
  });
});

describe("local portal operations", () => {
  it("cancel schedules the end of the period, resume takes it back; MRR is untouched", async () => {
    const team = await createTeam("local-cancel");
    const other = await createTeam("local-cancel-other");
    await getSubscription(other.id);
    const otherBefore = await billingState(other.id);
    await changeLocalPlan({ teamId: team.id, planId: "professional" });
    const revenueBefore = (await billingState(team.id)).revenue;

    const canceled = await cancelLocalSubscription(team.id);
    expect(canceled).toMatchObject({ planId: "professional", status: "ACTIVE", provider: "local", cancelAtPeriodEnd: true });
    expect(canceled.canceledAt).toBeInstanceOf(Date);
    // Twice is the same.
    expect((await cancelLocalSubscription(team.id)).canceledAt).toEqual(canceled.canceledAt);

    const resumed = await resumeLocalSubscription(team.id);
    expect(resumed).toMatchObject({ planId: "professional", status: "ACTIVE", cancelAtPeriodEnd: false, canceledAt: null });
    expect((await resumeLocalSubscription(team.id)).cancelAtPeriodEnd).toBe(false);

    expect((await billingState(team.id)).revenue).toEqual(revenueBefore);
    expect(await billingState(other.id)).toEqual(otherBefore);
  });

  it("an ended subscription cannot be canceled or resumed, but a plan starts it again", async () => {
    const team = await createTeam("local-ended");
    await getSubscription(team.id);
    await getBaseDb().subscription.update({ where: { teamId: team.id }, data: { status: "CANCELED" } });
    expect((await rejection(cancelLocalSubscription(team.id))).message).toBe("This subscription has already ended.");
    expect((await rejection(resumeLocalSubscription(team.id))).code).toBe("CONFLICT");
    expect(await changeLocalPlan({ teamId: team.id, planId: "starter" })).toEqual({ kind: "applied", planId: "starter" });
    expect((await getSubscription(team.id)).status).toBe("ACTIVE");
  });

  it("records a test card's label, refusing card numbers and empty labels", async () => {
    const team = await createTeam("local-card");
    const other = await createTeam("local-card-other");
    await getSubscription(other.id);
    const updated = await updateLocalPaymentMethod(team.id, "  Test card •••• 4242 ");
    expect(updated).toMatchObject({ paymentMethodStatus: "ok", paymentMethodLabel: "Test card •••• 4242" });

    const number = await rejection(updateLocalPaymentMethod(team.id, "4242 4242 4242 4242"));
    expect(number.code).toBe("BAD_REQUEST");
    expect(number.field).toBe("label");
    expect((await rejection(updateLocalPaymentMethod(team.id, "   "))).code).toBe("BAD_REQUEST");
    expect((await getSubscription(team.id)).paymentMethodLabel).toBe("Test card •••• 4242");
    expect(await getSubscription(other.id)).toMatchObject({ paymentMethodStatus: "none", paymentMethodLabel: null });
  });

  it("refuses every local operation on a subscription kept by Stripe", async () => {
    const team = await createTeam("local-stripe-kept");
    await getSubscription(team.id);
    await getBaseDb().subscription.update({ where: { teamId: team.id }, data: { provider: "stripe" } });
    const before = await billingState(team.id);
    for (const attempt of [
      () => changeLocalPlan({ teamId: team.id, planId: "professional" }),
      () => cancelLocalSubscription(team.id),
      () => resumeLocalSubscription(team.id),
      () => updateLocalPaymentMethod(team.id, "Test card •••• 4242"),
    ]) {
      const error = await rejection(attempt());
      expect(error.code).toBe("CONFLICT");
      expect(error.message).toBe("This team's subscription is managed in Stripe: change it through the billing portal.");
    }
    expect(await billingState(team.id)).toEqual(before);
  });
});

describe("proratedUpgradeCents", () => {
  const period = { start: new Date("2026-11-01T00:00:00Z"), end: new Date("2026-12-01T00:00:00Z") };
  it("charges the difference for the part of the period left", () => {
    // 30-day period, 15 days left: (9,900 − 2,900) × 15/30 = 3,500.
    expect(proratedUpgradeCents(2_900, 9_900, period, new Date("2026-11-16T00:00:00Z"))).toBe(3_500);
    // At the start: the whole difference; a restart after cancellation (0 → 2,900) likewise.
    expect(proratedUpgradeCents(2_900, 9_900, period, period.start)).toBe(7_000);
    expect(proratedUpgradeCents(0, 2_900, period, period.start)).toBe(2_900);
    // A downgrade, or the last instant of the period: nothing.
    expect(proratedUpgradeCents(9_900, 2_900, period, new Date("2026-11-16T00:00:00Z"))).toBe(0);
    expect(proratedUpgradeCents(2_900, 9_900, period, period.end)).toBe(0);
  });
});

describe("a local change after the period ended, before the close job ran", () => {
  const START = new Date("2034-01-01T00:00:00Z");
  const END = new Date("2034-02-01T00:00:00Z");
  const NEXT_END = new Date("2034-03-01T00:00:00Z");
  // Five minutes after the end: inside the close job's grace, so it has not run.
  const JUST_AFTER = new Date(END.getTime() + 5 * 60_000);

  async function endedPeriodTeam(label: string) {
    const team = await createTeam(label);
    await getSubscription(team.id);
    await applySubscriptionChange({
      teamId: team.id,
      planId: "starter",
      status: "ACTIVE",
      provider: "local",
      currentPeriodStart: START,
      currentPeriodEnd: END,
      stateAt: new Date(Date.now() + 1_000),
      sourceKey: `test:${team.id}`,
    });
    // 300,000 metered tokens in January: 100,000 over Starter's allowance × 2¢ / 1,000 = 200¢.
    await getBaseDb().aiUsageEvent.create({
      data: { teamId: team.id, feature: "rag-answer", provider: "gemini", model: "gemini-2.5-flash", inputTokens: 300_000, status: "ok", createdAt: new Date("2034-01-20T00:00:00Z") },
    });
    return team;
  }

  const periodInvoice = (teamId: string) =>
    getBaseDb().billingInvoice.findUnique({
      where: { provider_externalId: { provider: "local", externalId: localPeriodInvoiceId(teamId, START) } },
      select: { amountDueCents: true, periodStart: true, periodEnd: true },
    });

  it("a plan change closes the ended period first (its overage and the next fee invoiced), then applies to the new period", async () => {
    const team = await endedPeriodTeam("local-late-change");
    const other = await endedPeriodTeam("local-late-change-other");
    const otherBefore = await billingState(other.id);

    // stateAt of the change is after the row's: the change is "now" for the subscription.
    const now = new Date(Math.max(JUST_AFTER.getTime(), Date.now() + 2_000));
    expect(await changeLocalPlan({ teamId: team.id, planId: "professional" }, now)).toEqual({ kind: "applied", planId: "professional" });

    // January closed as the job would have: the Starter fee for February in advance + January's overage.
    expect(await periodInvoice(team.id)).toEqual({ amountDueCents: 2_900 + 200, periodStart: START, periodEnd: END });
    const stamped = await getBaseDb().aiUsageEvent.findFirstOrThrow({ where: { teamId: team.id }, select: { meterReportId: true } });
    expect(stamped.meterReportId).not.toBeNull();
    // The change applies to the period it happens in.
    expect(await getSubscription(team.id)).toMatchObject({ planId: "professional", currentPeriodStart: END, currentPeriodEnd: NEXT_END });
    // The close job, when it runs, finds January closed and adds nothing.
    expect(await closeLocalBillingPeriod(team.id, START, new Date(END.getTime() + 3_600_000))).toEqual({ status: "skipped", reason: "already-closed" });
    expect(await getBaseDb().billingInvoice.count({ where: { teamId: team.id, externalId: localPeriodInvoiceId(team.id, START) } })).toBe(1);

    expect(await billingState(other.id)).toEqual(otherBefore);
  });

  it("cancel and resume close the ended period first too; a refused change leaves the close to the job", async () => {
    const canceled = await endedPeriodTeam("local-late-cancel");
    const now = new Date(Math.max(JUST_AFTER.getTime(), Date.now() + 2_000));
    const after = await cancelLocalSubscription(canceled.id, now);
    expect(after).toMatchObject({ cancelAtPeriodEnd: true, currentPeriodStart: END, currentPeriodEnd: NEXT_END });
    expect(await periodInvoice(canceled.id)).toEqual({ amountDueCents: 3_100, periodStart: START, periodEnd: END });

    const resumed = await endedPeriodTeam("local-late-resume");
    expect(await resumeLocalSubscription(resumed.id, now)).toMatchObject({ cancelAtPeriodEnd: false, currentPeriodStart: END });
    expect(await periodInvoice(resumed.id)).toEqual({ amountDueCents: 3_100, periodStart: START, periodEnd: END });

    // Refused (already on the plan): nothing is written, the close job does January later.
    const refused = await endedPeriodTeam("local-late-refused");
    expect((await rejection(changeLocalPlan({ teamId: refused.id, planId: "starter" }, now))).code).toBe("CONFLICT");
    expect(await periodInvoice(refused.id)).toBeNull();
    expect((await getSubscription(refused.id)).currentPeriodStart).toEqual(START);
  });
});

describe("a team from before billing existed", () => {
  it("changes plan even when the change was timed before its subscription row is created", async () => {
    const team = await createTeam("local-no-row");
    expect(await getBaseDb().subscription.findUnique({ where: { teamId: team.id }, select: { teamId: true } })).toBeNull();
    await expect(changeLocalPlan({ teamId: team.id, planId: "professional" }, new Date(Date.now() - 5_000))).resolves.toEqual({ kind: "applied", planId: "professional" });
    expect((await getSubscription(team.id)).planId).toBe("professional");
  });
});
