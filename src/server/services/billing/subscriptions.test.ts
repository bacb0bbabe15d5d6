import { describe, expect, it } from "vitest";
import { createTeam, createUser } from "../../../../test/factories";
import { PLANS } from "@/lib/plans";
import { getBaseDb } from "../../db/client";
import { createTeamForUser } from "../team/create-team";
import { applySubscriptionChange, currentPeriod, getSubscription, mrrCentsOf, revenueKind, type SubscriptionChange } from "./subscriptions";

const STARTER = PLANS.starter.monthlyPriceCents;
const PRO = PLANS.professional.monthlyPriceCents;

function change(teamId: string, overrides: Partial<SubscriptionChange>): SubscriptionChange {
  return {
    teamId,
    planId: "starter",
    status: "ACTIVE",
    provider: "local",
    currentPeriodStart: new Date("2026-11-01T00:00:00Z"),
    currentPeriodEnd: new Date("2026-12-01T00:00:00Z"),
    stateAt: new Date(),
    sourceKey: `test:${Math.random()}`,
    ...overrides,
  };
}

async function ledger(teamId: string) {
  return getBaseDb().revenueEvent.findMany({ where: { teamId }, orderBy: { occurredAt: "asc" }, select: { kind: true, mrrCents: true, previousMrrCents: true, planId: true } });
}

describe("revenue arithmetic", () => {
  it("counts revenue only for statuses that pay", () => {
    expect(mrrCentsOf("professional", "ACTIVE")).toBe(PRO);
    expect(mrrCentsOf("professional", "PAST_DUE")).toBe(PRO);
    expect(mrrCentsOf("professional", "TRIALING")).toBe(0);
    expect(mrrCentsOf("professional", "CANCELED")).toBe(0);
    expect(mrrCentsOf("retired-plan", "ACTIVE")).toBe(STARTER);
  });

  it("names each change of MRR", () => {
    expect(revenueKind(0, STARTER, false)).toBe("new");
    expect(revenueKind(0, STARTER, true)).toBe("reactivation");
    expect(revenueKind(STARTER, PRO, true)).toBe("expansion");
    expect(revenueKind(PRO, STARTER, true)).toBe("contraction");
    expect(revenueKind(PRO, 0, true)).toBe("churn");
    expect(revenueKind(PRO, PRO, true)).toBeNull();
  });

  it("rolls an expired period forward by months from its anchor", () => {
    const sub = { currentPeriodStart: new Date("2026-01-31T00:00:00Z"), currentPeriodEnd: new Date("2026-02-28T00:00:00Z") };
    expect(currentPeriod(sub, new Date("2026-02-10T00:00:00Z"))).toEqual({ start: sub.currentPeriodStart, end: sub.currentPeriodEnd });
    expect(currentPeriod(sub, new Date("2026-03-01T00:00:00Z"))).toEqual({ start: new Date("2026-02-28T00:00:00Z"), end: new Date("2026-03-28T00:00:00Z") });
    expect(currentPeriod(sub, new Date("2026-05-30T00:00:00Z"))).toEqual({ start: new Date("2026-05-28T00:00:00Z"), end: new Date("2026-06-28T00:00:00Z") });
  });
});

describe("applySubscriptionChange", () => {
  it("a team created by a user starts on Starter with a 'new' ledger row", async () => {
    const user = await createUser("billing-new");
    const team = await createTeamForUser(user.id, "Billing New");
    const sub = await getSubscription(team.id);
    expect(sub).toMatchObject({ planId: "starter", status: "ACTIVE", provider: "local" });
    expect(await ledger(team.id)).toEqual([{ kind: "new", mrrCents: STARTER, previousMrrCents: 0, planId: "starter" }]);
  });

  it("upgrades, downgrades, churns and reactivates with one ledger row each, and another team sees none of it", async () => {
    const team = await createTeam("billing-ledger");
    const other = await createTeam("billing-ledger-other");
    await getSubscription(other.id);
    const t0 = Date.now();
    const at = (minutes: number) => new Date(t0 + minutes * 60_000);
    await getSubscription(team.id, at(0));
    expect((await applySubscriptionChange(change(team.id, { planId: "professional", stateAt: at(1) }))).applied).toBe(true);
    await applySubscriptionChange(change(team.id, { planId: "starter", stateAt: at(2) }));
    // Past due still pays: no ledger row.
    await applySubscriptionChange(change(team.id, { planId: "starter", status: "PAST_DUE", stateAt: at(3) }));
    await applySubscriptionChange(change(team.id, { planId: "starter", status: "CANCELED", stateAt: at(4) }));
    await applySubscriptionChange(change(team.id, { planId: "enterprise", status: "ACTIVE", stateAt: at(5) }));
    expect((await ledger(team.id)).map((row) => [row.kind, row.previousMrrCents, row.mrrCents])).toEqual([
      ["new", 0, STARTER],
      ["expansion", STARTER, PRO],
      ["contraction", PRO, STARTER],
      ["churn", STARTER, 0],
      ["reactivation", 0, PLANS.enterprise.monthlyPriceCents],
    ]);
    expect((await ledger(other.id)).map((row) => row.kind)).toEqual(["new"]);
    expect(await getSubscription(other.id)).toMatchObject({ planId: "starter", status: "ACTIVE" });
  });

  it("ignores a change older than the stored state and never writes a source twice", async () => {
    const team = await createTeam("billing-stale");
    const now = Date.now();
    await getSubscription(team.id, new Date(now));
    await applySubscriptionChange(change(team.id, { planId: "professional", stateAt: new Date(now + 10_000), sourceKey: "test-stale:a" }));
    const late = await applySubscriptionChange(change(team.id, { planId: "starter", stateAt: new Date(now + 5_000), sourceKey: "test-stale:b" }));
    expect(late).toMatchObject({ applied: false, reason: "stale" });
    expect((await getSubscription(team.id)).planId).toBe("professional");
    // The same source again (a replayed event) changes nothing more.
    await applySubscriptionChange(change(team.id, { planId: "professional", stateAt: new Date(now + 10_000), sourceKey: "test-stale:a" }));
    expect((await ledger(team.id)).map((row) => row.kind)).toEqual(["new", "expansion"]);
  });

  it("serializes concurrent changes of one team", async () => {
    const team = await createTeam("billing-race");
    await getSubscription(team.id, new Date(Date.now() - 1000));
    await Promise.all(
      ["professional", "enterprise", "professional", "starter"].map((planId, i) =>
        applySubscriptionChange(change(team.id, { planId: planId as SubscriptionChange["planId"], stateAt: new Date(Date.now() + i) })),
      ),
    );
    const rows = await ledger(team.id);
    // Each row starts where the previous one ended: no lost update.
    for (let i = 1; i < rows.length; i += 1) expect(rows[i]?.previousMrrCents).toBe(rows[i - 1]?.mrrCents);
  });
});

describe("changes with the same timestamp", () => {
  it("never moves a subscription's status back (Stripe times are whole seconds)", async () => {
    const team = await createTeam("billing-tie");
    const at = new Date(Math.floor(Date.now() / 1000) * 1000 + 60_000);
    await getSubscription(team.id, new Date(at.getTime() - 60_000));
    const updated = await applySubscriptionChange(change(team.id, { planId: "professional", status: "ACTIVE", provider: "stripe", stripeSubscriptionId: `sub_tie_${team.id}`, stateAt: at }));
    expect(updated.applied).toBe(true);
    // subscription.created (INCOMPLETE) of the same second, processed after updated (ACTIVE).
    const created = await applySubscriptionChange(change(team.id, { planId: "professional", status: "INCOMPLETE", provider: "stripe", stripeSubscriptionId: `sub_tie_${team.id}`, stateAt: at }));
    expect(created).toMatchObject({ applied: false, reason: "stale" });
    expect((await getSubscription(team.id)).status).toBe("ACTIVE");
    // A later step of the same second (canceled) still applies.
    const canceled = await applySubscriptionChange(change(team.id, { planId: "professional", status: "CANCELED", provider: "stripe", stripeSubscriptionId: `sub_tie_${team.id}`, stateAt: at }));
    expect(canceled.applied).toBe(true);
    expect((await ledger(team.id)).map((row) => row.kind)).toEqual(["new", "expansion", "churn"]);
  });
});

describe("a team without a subscription row", () => {
  it("takes any first change, even one whose status ranks below the Starter default", async () => {
    const team = await createTeam("billing-first-incomplete");
    const result = await applySubscriptionChange(change(team.id, { planId: "professional", status: "INCOMPLETE", provider: "stripe" }));
    expect(result.applied).toBe(true);
    expect(await getSubscription(team.id)).toMatchObject({ planId: "professional", status: "INCOMPLETE", provider: "stripe" });
  });
});
