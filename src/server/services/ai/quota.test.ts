import { describe, expect, it } from "vitest";
import { PLANS, type PlanId } from "@/lib/plans";
import { createTeam } from "../../../../test/factories";
import { getBaseDb } from "../../db/client";
import { DomainError } from "../../errors";
import { BillingService } from "../billing/billing-service";
import { applySubscriptionChange, getSubscription } from "../billing/subscriptions";
import { createAiGateway } from "./gateway";
import { createLocalProvider } from "./providers/local";
import { capTokensOf, getAiQuota, quotaOf } from "./quota";
import type { AiProvider } from "./types";

/** A metered provider ("gemini") that always answers, billing 1,000 + 200 tokens per answer. */
function meteredProvider(): AiProvider & { calls: number } {
  const local = createLocalProvider();
  const provider = {
    ...local,
    id: "gemini" as const,
    model: "gemini-2.5-flash",
    embeddingModel: "text-embedding-004",
    canReason: true,
    calls: 0,
    async answer() {
      provider.calls += 1;
      return { usage: { inputTokens: 1_000, outputTokens: 200 }, read: () => ({ answer: "ok", citedIds: [], grounded: false }) };
    },
  };
  return provider;
}

async function onPlan(teamId: string, planId: PlanId, period: { start: Date; end: Date }): Promise<void> {
  await applySubscriptionChange({
    teamId,
    planId,
    status: "ACTIVE",
    provider: "local",
    currentPeriodStart: period.start,
    currentPeriodEnd: period.end,
    stateAt: period.start,
    sourceKey: `test:${teamId}:${planId}:${period.start.toISOString()}`,
  });
}

async function usage(teamId: string, rows: Array<{ tokens: number; at: Date; provider?: string }>): Promise<void> {
  await getBaseDb().aiUsageEvent.createMany({
    data: rows.map((row) => ({
      teamId,
      feature: "rag-answer",
      provider: row.provider ?? "gemini",
      model: row.provider === "local" ? "local" : "gemini-2.5-flash",
      inputTokens: row.tokens,
      outputTokens: 0,
      status: "ok",
      createdAt: row.at,
    })),
  });
}

const ask = (gateway: ReturnType<typeof createAiGateway>, team: { id: string; owner: { id: string } }) =>
  gateway.answer({ teamId: team.id, userId: team.owner.id }, { question: "Q?", passages: [{ id: "p", label: "P", text: "text" }] });

describe("quota math", () => {
  it("caps at allowance + the plan's overage, or the owner's lower limit", () => {
    expect(capTokensOf(PLANS.starter, null)).toBe(200_000 + 1_000_000);
    expect(capTokensOf(PLANS.starter, 300_000)).toBe(300_000);
    // An owner limit above what the plan allows does not lift the plan's cap.
    expect(capTokensOf(PLANS.professional, 50_000_000)).toBe(12_000_000);
    expect(capTokensOf(PLANS.starter, 0)).toBe(0);
  });

  it("counts overage beyond the allowance, in cents per started 1,000 tokens", () => {
    const period = { start: new Date("2026-11-15T00:00:00Z"), end: new Date("2026-12-15T00:00:00Z") };
    expect(quotaOf({ plan: PLANS.starter, teamLimit: null, usedTokens: 160_000, period })).toEqual({
      periodStart: period.start,
      periodEnd: period.end,
      usedTokens: 160_000,
      allowanceTokens: 200_000,
      capTokens: 1_200_000,
      overageTokens: 0,
      overageCents: 0,
      percentOfAllowance: 80,
      subscriptionPaying: true,
    });
    // 50,001 over at 2¢ per 1,000: 100.002¢ → 101¢.
    expect(quotaOf({ plan: PLANS.starter, teamLimit: null, usedTokens: 250_001, period })).toMatchObject({
      overageTokens: 50_001,
      overageCents: 101,
      percentOfAllowance: 125,
    });
    expect(quotaOf({ plan: PLANS.professional, teamLimit: null, usedTokens: 1_999_999, period }).percentOfAllowance).toBe(99.9);
  });
});

describe("getAiQuota", () => {
  it("uses the subscription's billing period, not the calendar month, and rolls it forward when no renewal was recorded", async () => {
    const team = await createTeam("quota-period");
    const other = await createTeam("quota-period-other");
    const period = { start: new Date("2031-03-15T00:00:00Z"), end: new Date("2031-04-15T00:00:00Z") };
    await onPlan(team.id, "professional", period);
    await usage(team.id, [
      { tokens: 70_000, at: new Date("2031-03-10T12:00:00Z") }, // before the period
      { tokens: 1_000, at: new Date("2031-03-15T00:00:00Z") }, // its first instant
      { tokens: 2_000, at: new Date("2031-04-01T00:00:00Z") }, // a new calendar month, same period
      { tokens: 90_000, at: new Date("2031-04-02T00:00:00Z"), provider: "local" }, // free, never counted
      { tokens: 4_000, at: new Date("2031-04-15T00:00:00Z") }, // the next period
    ]);
    await usage(other.id, [{ tokens: 5_000, at: new Date("2031-04-01T00:00:00Z") }]);

    expect(await getAiQuota(team.id, new Date("2031-04-10T00:00:00Z"))).toMatchObject({
      periodStart: period.start,
      periodEnd: period.end,
      usedTokens: 3_000,
      allowanceTokens: 2_000_000,
      capTokens: 12_000_000,
    });
    // Past the stored end with no renewal recorded yet: the next month from the anchor.
    expect(await getAiQuota(team.id, new Date("2031-04-20T00:00:00Z"))).toMatchObject({
      periodStart: new Date("2031-04-15T00:00:00Z"),
      periodEnd: new Date("2031-05-15T00:00:00Z"),
      usedTokens: 4_000,
    });
    expect((await BillingService.usageSummary(other.id, new Date("2031-04-10T00:00:00Z"))).usedTokens).toBe(5_000);
  });
});

describe("checkQuota through the gateway", () => {
  it("allows overage beyond the allowance up to the plan's cap, then refuses before calling the provider", async () => {
    const team = await createTeam("quota-overage");
    const now = new Date();
    const period = { start: new Date(now.getTime() - 86_400_000), end: new Date(now.getTime() + 29 * 86_400_000) };
    await onPlan(team.id, "starter", period);
    await usage(team.id, [{ tokens: 250_000, at: new Date(now.getTime() - 3_600_000) }]);
    const provider = meteredProvider();
    const gateway = createAiGateway({ provider });

    // 250,000 of a 200,000 allowance: overage, still allowed.
    await ask(gateway, team);
    expect(provider.calls).toBe(1);
    expect(await BillingService.usageSummary(team.id)).toMatchObject({ usedTokens: 251_200, overageTokens: 51_200, overageCents: 103 });

    // Up to the cap (200,000 + 1,000,000): refused, and the provider never sees the call.
    await usage(team.id, [{ tokens: 1_200_000 - 251_200, at: new Date(now.getTime() - 60_000) }]);
    const error = await ask(gateway, team).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: "QUOTA_EXCEEDED" });
    expect((error as DomainError).message).toContain("1,200,000 of 1,200,000 tokens");
    expect((error as DomainError).message).toContain(`resets on ${period.end.toISOString().slice(0, 10)}`);
    expect(provider.calls).toBe(1);
    await expect(BillingService.checkQuota(team.id)).rejects.toMatchObject({ code: "QUOTA_EXCEEDED" });
  });

  it("applies the owner's lower limit as the cap", async () => {
    const team = await createTeam("quota-owner-limit");
    const other = await createTeam("quota-owner-limit-other");
    await getBaseDb().team.update({ where: { id: team.id }, data: { aiMonthlyTokenLimit: 2_000 } });
    const provider = meteredProvider();
    const gateway = createAiGateway({ provider });
    await ask(gateway, team); // 1,200
    await ask(gateway, team); // 2,400: checked before, so this one still ran
    await expect(ask(gateway, team)).rejects.toMatchObject({ code: "QUOTA_EXCEEDED" });
    expect(provider.calls).toBe(2);
    expect(await BillingService.usageSummary(team.id)).toMatchObject({ usedTokens: 2_400, capTokens: 2_000, allowanceTokens: 200_000, overageTokens: 0 });
    await ask(gateway, other);
    expect(provider.calls).toBe(3);
  });

  it("never counts or refuses the local provider", async () => {
    const team = await createTeam("quota-local");
    await getBaseDb().team.update({ where: { id: team.id }, data: { aiMonthlyTokenLimit: 1 } });
    const gateway = createAiGateway({ provider: createLocalProvider() });
    await gateway.embedDocuments({ teamId: team.id, userId: null }, ["one text that costs nothing", "another"]);
    await ask(gateway, team);
    const rows = await getBaseDb().aiUsageEvent.findMany({ where: { teamId: team.id }, select: { provider: true, inputTokens: true } });
    expect(rows.length).toBe(2);
    expect(rows.every((row) => row.provider === "local")).toBe(true);
    expect(rows.some((row) => row.inputTokens > 0)).toBe(true);
    expect((await BillingService.checkQuota(team.id)).usedTokens).toBe(0);
  });
});

describe("quota of a subscription that pays nothing", () => {
  it("caps a canceled or unpaid team at the allowance (no unbilled overage); past due and trialing keep the overage", async () => {
    const now = new Date();
    const period = { start: new Date(now.getTime() - 86_400_000), end: new Date(now.getTime() + 29 * 86_400_000) };
    const withStatus = async (label: string, status: "CANCELED" | "UNPAID" | "PAST_DUE" | "TRIALING" | "INCOMPLETE") => {
      const team = await createTeam(label);
      await getSubscription(team.id);
      await applySubscriptionChange({
        teamId: team.id,
        planId: "starter",
        status,
        provider: "stripe",
        currentPeriodStart: period.start,
        currentPeriodEnd: period.end,
        // After the team's own creation: not an older state.
        stateAt: new Date(Date.now() + 60_000),
        sourceKey: `test:${team.id}:${status}`,
      });
      await usage(team.id, [{ tokens: 200_000, at: new Date(now.getTime() - 3_600_000) }]);
      return team;
    };
    const canceled = await withStatus("quota-canceled", "CANCELED");
    const unpaid = await withStatus("quota-unpaid", "UNPAID");
    const incomplete = await withStatus("quota-incomplete", "INCOMPLETE");
    const pastDue = await withStatus("quota-past-due", "PAST_DUE");
    const trialing = await withStatus("quota-trialing", "TRIALING");

    expect(await getAiQuota(canceled.id)).toMatchObject({ usedTokens: 200_000, allowanceTokens: 200_000, capTokens: 200_000, subscriptionPaying: false });
    for (const team of [canceled, unpaid, incomplete]) {
      const error = await BillingService.checkQuota(team.id).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DomainError);
      expect(error).toMatchObject({ code: "QUOTA_EXCEEDED" });
      expect((error as DomainError).message).toContain("subscription has ended");
      expect((error as DomainError).message).toContain("200,000 of 200,000 tokens");
      expect((error as DomainError).message).toContain("choose a plan in Billing settings");
    }
    // The gateway refuses before calling the provider.
    const provider = meteredProvider();
    await expect(ask(createAiGateway({ provider }), canceled)).rejects.toMatchObject({ code: "QUOTA_EXCEEDED" });
    expect(provider.calls).toBe(0);

    // Still being paid (dunning, a trial): the overage up to the plan's cap, as before.
    for (const team of [pastDue, trialing]) {
      expect(await BillingService.checkQuota(team.id)).toMatchObject({ capTokens: 1_200_000, subscriptionPaying: true });
    }
    // An owner limit below the allowance still applies to a team without a paying subscription.
    expect(capTokensOf(PLANS.starter, 150_000, false)).toBe(150_000);
    expect(capTokensOf(PLANS.starter, null, false)).toBe(200_000);
  });
});
