import { describe, expect, it } from "vitest";
import type { PlanId } from "@/lib/plans";
import { createTeam, uniqueSuffix } from "../../../../test/factories";
import { getBaseDb } from "../../db/client";
import { closeLocalBillingPeriod, dueLocalPeriodCloses, localPeriodInvoiceId, PERIOD_CLOSE_GRACE_MS } from "./period-close";
import { applySubscriptionChange, getSubscription } from "./subscriptions";

const START = new Date("2033-01-01T00:00:00Z");
const END = new Date("2033-02-01T00:00:00Z");
const AFTER = new Date(END.getTime() + 3_600_000);

async function localTeam(label: string, planId: PlanId, extra: { cancelAtPeriodEnd?: boolean; provider?: "local" | "stripe" } = {}) {
  const team = await createTeam(label);
  await applySubscriptionChange({
    teamId: team.id,
    planId,
    status: "ACTIVE",
    provider: extra.provider ?? "local",
    ...(extra.provider === "stripe" ? { stripeCustomerId: `cus_${uniqueSuffix()}${uniqueSuffix()}` } : {}),
    currentPeriodStart: START,
    currentPeriodEnd: END,
    ...(extra.cancelAtPeriodEnd ? { cancelAtPeriodEnd: true, canceledAt: new Date("2033-01-20T00:00:00Z") } : {}),
    stateAt: new Date("2033-01-20T00:00:00Z"),
    sourceKey: `test:${team.id}`,
  });
  return team;
}

async function addUsage(teamId: string, rows: Array<{ tokens: number; at: Date; provider?: string }>) {
  await getBaseDb().aiUsageEvent.createMany({
    data: rows.map((row) => ({
      teamId,
      feature: "rag-answer",
      provider: row.provider ?? "gemini",
      model: row.provider === "local" ? "local" : "gemini-2.5-flash",
      inputTokens: row.tokens,
      status: "ok",
      createdAt: row.at,
    })),
  });
}

const invoicesOf = (teamId: string) =>
  getBaseDb().billingInvoice.findMany({
    where: { teamId },
    select: { provider: true, externalId: true, status: true, amountDueCents: true, amountPaidCents: true, periodStart: true, periodEnd: true, issuedAt: true },
  });

describe("closeLocalBillingPeriod", () => {
  it("invoices the plan fee plus the period's overage once, and advances the period without a revenue change", async () => {
    const team = await localTeam("close-local", "professional");
    const other = await localTeam("close-local-other", "professional");
    await addUsage(team.id, [
      { tokens: 2_000_000, at: new Date("2033-01-05T00:00:00Z") },
      { tokens: 500_000, at: new Date("2033-01-31T23:59:59Z") },
      { tokens: 7_000_000, at: new Date("2033-01-10T00:00:00Z"), provider: "local" }, // free
      { tokens: 9_000_000, at: new Date("2032-12-31T23:59:59Z") }, // the period before
      { tokens: 8_000_000, at: END }, // the next period
    ]);
    const revenueBefore = await getBaseDb().revenueEvent.count({ where: { teamId: team.id } });

    // Not before the period has ended (plus a grace for late usage records).
    expect(await closeLocalBillingPeriod(team.id, START, new Date(END.getTime() + PERIOD_CLOSE_GRACE_MS - 1))).toEqual({ status: "skipped", reason: "not-due" });

    const closed = await closeLocalBillingPeriod(team.id, START, AFTER);
    // Professional: $99 fee; 2,500,000 tokens − 2,000,000 included = 500,000 × 1¢ / 1,000 = 500¢.
    expect(closed).toEqual({
      status: "closed",
      invoiceExternalId: localPeriodInvoiceId(team.id, START),
      amountDueCents: 9_900 + 500,
      feeCents: 9_900,
      overageCents: 500,
      tokens: 2_500_000,
      churned: false,
    });
    expect(await invoicesOf(team.id)).toEqual([
      {
        provider: "local",
        externalId: `local_period_${team.id}_2033-01-01T00:00:00.000Z`,
        status: "paid",
        amountDueCents: 10_400,
        amountPaidCents: 10_400,
        periodStart: START,
        periodEnd: END,
        issuedAt: END,
      },
    ]);
    const sub = await getSubscription(team.id);
    expect(sub).toMatchObject({ planId: "professional", status: "ACTIVE", currentPeriodStart: END, currentPeriodEnd: new Date("2033-03-01T00:00:00Z") });
    expect(await getBaseDb().revenueEvent.count({ where: { teamId: team.id } })).toBe(revenueBefore);

    // The invoiced usage is stamped with a local report, so a later switch to Stripe never meters it again.
    const reports = await getBaseDb().meterReport.findMany({ where: { teamId: team.id }, select: { id: true, provider: true, tokens: true, status: true } });
    expect(reports).toEqual([{ id: expect.any(String), provider: "local", tokens: 2_500_000, status: "SENT" }]);
    expect(await getBaseDb().aiUsageEvent.count({ where: { teamId: team.id, meterReportId: reports[0]?.id } })).toBe(2);

    // Re-runs (the same job again, a late duplicate) add nothing.
    expect(await closeLocalBillingPeriod(team.id, START, AFTER)).toEqual({ status: "skipped", reason: "already-closed" });
    expect(await invoicesOf(team.id)).toHaveLength(1);
    expect((await getSubscription(team.id)).currentPeriodStart).toEqual(END);

    // The other team was not touched.
    expect(await invoicesOf(other.id)).toEqual([]);
    expect((await getSubscription(other.id)).currentPeriodStart).toEqual(START);
  });

  it("closes without the grace when asked (a plan change right after the end settles the ended period)", async () => {
    const team = await localTeam("close-no-grace", "starter");
    const other = await localTeam("close-no-grace-other", "starter");
    const justAfter = new Date(END.getTime() + 1);
    expect(await closeLocalBillingPeriod(team.id, START, justAfter)).toEqual({ status: "skipped", reason: "not-due" });
    expect(await closeLocalBillingPeriod(team.id, START, new Date(END.getTime() - 1), { skipGrace: true })).toEqual({ status: "skipped", reason: "not-due" });
    expect(await closeLocalBillingPeriod(team.id, START, justAfter, { skipGrace: true })).toMatchObject({ status: "closed", amountDueCents: 2_900 });
    expect((await getSubscription(team.id)).currentPeriodStart).toEqual(END);
    expect(await invoicesOf(other.id)).toEqual([]);
  });

  it("closes a period once when two runs race", async () => {
    const team = await localTeam("close-race", "starter");
    await addUsage(team.id, [{ tokens: 250_000, at: new Date("2033-01-15T00:00:00Z") }]);
    const results = await Promise.all([0, 1, 2].map(() => closeLocalBillingPeriod(team.id, START, AFTER)));
    expect(results.filter((r) => r.status === "closed")).toHaveLength(1);
    // Starter: $29 + 50,000 over × 2¢ / 1,000 = 100¢.
    expect(await invoicesOf(team.id)).toEqual([expect.objectContaining({ amountDueCents: 2_900 + 100 })]);
    expect((await getSubscription(team.id)).currentPeriodStart).toEqual(END);
  });

  it("ends a subscription set to cancel at the period's end, with a churn in the revenue ledger", async () => {
    const team = await localTeam("close-cancel", "starter", { cancelAtPeriodEnd: true });
    const closed = await closeLocalBillingPeriod(team.id, START, AFTER);
    // Ending: no fee for a next period, and no overage.
    expect(closed).toMatchObject({ status: "closed", amountDueCents: 0, feeCents: 0, churned: true });
    expect(await getSubscription(team.id)).toMatchObject({ status: "CANCELED", cancelAtPeriodEnd: false, currentPeriodStart: START, currentPeriodEnd: END });
    const churn = await getBaseDb().revenueEvent.findMany({ where: { teamId: team.id, kind: "churn" }, select: { mrrCents: true, previousMrrCents: true, occurredAt: true } });
    expect(churn).toEqual([{ mrrCents: 0, previousMrrCents: 2_900, occurredAt: END }]);
    // Ended: not closed again, and not due any more.
    expect(await closeLocalBillingPeriod(team.id, START, AFTER)).toEqual({ status: "skipped", reason: "canceled" });
    expect((await dueLocalPeriodCloses(new Date("2040-01-01T00:00:00Z"))).some((d) => d.teamId === team.id)).toBe(false);
    expect(await invoicesOf(team.id)).toEqual([]); // nothing to charge: no $0 invoice
  });

  it("leaves Stripe-billed teams to Stripe, and lists only finished local periods as due", async () => {
    const stripe = await localTeam("close-stripe", "starter", { provider: "stripe" });
    expect(await closeLocalBillingPeriod(stripe.id, START, AFTER)).toEqual({ status: "skipped", reason: "not-local" });
    expect(await invoicesOf(stripe.id)).toEqual([]);

    const local = await localTeam("close-due", "starter");
    expect(await dueLocalPeriodCloses(AFTER)).toContainEqual({ teamId: local.id, periodStart: START });
    expect((await dueLocalPeriodCloses(AFTER)).some((d) => d.teamId === stripe.id)).toBe(false);
    expect((await dueLocalPeriodCloses(new Date(END.getTime() - 1))).some((d) => d.teamId === local.id)).toBe(false);
  });
});
