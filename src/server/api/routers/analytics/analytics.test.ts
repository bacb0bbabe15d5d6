import { beforeAll, describe, expect, it } from "vitest";
import { addMember, callerFor, createTeam, createUser, uniqueSuffix, type TestTeam, type TestUser } from "../../../../../test/factories";
import { errorOf, fieldsOf } from "../../../../../test/trpc-errors";
import { getBaseDb } from "@/server/db/client";

/**
 * The test database is shared with other files running at the same time, whose
 * ledger rows are written "now": this file's ledger lives in 2010 and 2012, so the
 * platform's numbers for those months are exactly the ones below.
 */
let a: TestTeam;
let b: TestTeam;
let adminOfA: TestUser;
let operator: TestUser;
const at = (iso: string) => new Date(iso);

async function revenue(teamId: string, kind: string, previousMrrCents: number, mrrCents: number, occurredAt: string) {
  await getBaseDb().revenueEvent.create({
    data: { teamId, kind, previousMrrCents, mrrCents, occurredAt: at(occurredAt), sourceKey: `test:${uniqueSuffix()}` },
    select: { id: true },
  });
}

async function usage(teamId: string, userId: string | null, inputTokens: number, outputTokens: number, costMicros: number, createdAt: string) {
  await getBaseDb().aiUsageEvent.create({
    data: { teamId, userId, feature: "rag-answer", provider: "local", model: "local", inputTokens, outputTokens, costMicros: BigInt(costMicros), status: "ok", createdAt: at(createdAt) },
    select: { id: true },
  });
}

const FEB_2010 = { from: "2010-02-01", to: "2010-02-28" };

beforeAll(async () => {
  [a, b] = await Promise.all([createTeam("analytics-a"), createTeam("analytics-b")]);
  adminOfA = await addMember(a.id, "ADMIN", "analytics-admin");
  operator = await createUser("analytics-operator", { superAdmin: true });
  await getBaseDb().user.update({ where: { id: a.owner.id }, data: { name: "Ana Owner" } });
  await getBaseDb().team.update({ where: { id: b.id }, data: { name: "Beta Heavy" } });
  await getBaseDb().subscription.create({
    data: { teamId: a.id, planId: "professional", status: "ACTIVE", currentPeriodStart: at("2010-02-01T00:00:00Z"), currentPeriodEnd: at("2010-03-01T00:00:00Z") },
    select: { teamId: true },
  });
  // Prices chosen to divide February's 28 days evenly: 2,800¢ a month earns 1,000,000 micro-USD a day.
  await revenue(a.id, "new", 0, 2_800, "2010-01-05T09:00:00Z");
  await revenue(a.id, "expansion", 2_800, 5_600, "2010-02-10T12:00:00Z");
  await revenue(b.id, "new", 0, 49_000, "2010-01-01T09:00:00Z");
  await revenue(b.id, "churn", 49_000, 0, "2010-02-20T00:00:00Z");
  await usage(a.id, a.owner.id, 1_000, 500, 30_000, "2010-02-03T10:00:00Z");
  await usage(a.id, a.owner.id, 2_000, 1_000, 70_000, "2010-02-15T10:00:00Z");
  await usage(a.id, adminOfA.id, 100, 50, 1_000, "2010-02-04T10:00:00Z");
  await usage(a.id, null, 10_000, 0, 5_000, "2010-02-05T10:00:00Z");
  await usage(b.id, b.owner.id, 50_000, 10_000, 900_000, "2010-02-06T10:00:00Z");
  // A's February invoice: the fee in force when issued (after the upgrade) is 5,600¢, so 500¢ is overage.
  await getBaseDb().billingInvoice.createMany({
    data: [
      { teamId: a.id, provider: "local", externalId: `in_${uniqueSuffix()}`, status: "paid", amountDueCents: 6_100, amountPaidCents: 6_100, issuedAt: at("2010-02-10T12:00:00Z") },
      { teamId: b.id, provider: "local", externalId: `in_${uniqueSuffix()}`, status: "paid", amountDueCents: 99_999, amountPaidCents: 99_999, issuedAt: at("2010-02-10T12:00:00Z") },
    ],
  });
});

describe("analytics.platform", () => {
  it("computes the platform's MRR, churn, ARPU, AI cost and top users for February 2010", async () => {
    const report = await callerFor(operator).analytics.platform(FEB_2010);
    expect(report.granularity).toBe("day");
    expect(report.series).toHaveLength(28);
    // Start: A 2,800 + B 49,000 = 51,800. In range: A +2,800 (expansion), B −49,000 (churn). End: A 5,600.
    expect(report.summary).toMatchObject({
      mrrStartCents: 51_800,
      mrrEndCents: 5_600,
      netNewCents: -46_200,
      breakdownCents: { new: 0, expansion: 2_800, contraction: 0, churn: -49_000, reactivation: 0 },
      payingTeamsStart: 2,
      payingTeamsEnd: 1,
      churnedTeams: 1,
      logoChurnRate: 0.5,
      arpuCents: 5_600,
    });
    expect(report.summary.revenueChurnRate).toBeCloseTo(49_000 / 51_800, 10);
    // Revenue: A 9 days × 1,000,000 + 19 days × 2,000,000 = 47,000,000;
    //          B 49,000 × 10,000 / 28 = 17,500,000 a day × 19 days (02-01 … 02-19) = 332,500,000.
    expect(report.ai.revenueMicros).toBe(379_500_000);
    // AI cost: A 30,000 + 70,000 + 1,000 + 5,000 = 106,000; B 900,000.
    expect(report.ai.costMicros).toBe(1_006_000);
    expect(report.ai.inputTokens + report.ai.outputTokens).toBe(13_100 + 1_550 + 60_000);
    expect(report.series[9]).toMatchObject({ from: "2010-02-10", mrrCents: 51_800 + 2_800, netNewCents: 2_800, revenueMicros: 2_000_000 + 17_500_000 });
    expect(report.series[19]).toMatchObject({ from: "2010-02-20", mrrCents: 5_600, netNewCents: -49_000, revenueMicros: 2_000_000 });
    expect(report.topUsers.map((u) => [u.email, u.teamName, u.tokens, u.costMicros])).toEqual([
      [b.owner.email, "Beta Heavy", 60_000, 900_000],
      [a.owner.email, "analytics-a", 4_500, 100_000],
      [adminOfA.email, "analytics-a", 150, 1_000],
    ]);
  });

  it("is refused to anyone but a platform operator, the team's owner included", async () => {
    expect((await errorOf(callerFor(a.owner, a.id).analytics.platform(FEB_2010))).code).toBe("FORBIDDEN");
    expect((await errorOf(callerFor(null).analytics.platform(FEB_2010))).code).toBe("UNAUTHORIZED");
  });

  it("allows three years, not more", async () => {
    await expect(callerFor(operator).analytics.platform({ from: "2008-01-01", to: "2010-12-31" })).resolves.toMatchObject({ granularity: "month" });
    const tooLong = await errorOf(callerFor(operator).analytics.platform({ from: "2008-01-01", to: "2011-01-01" }));
    expect(tooLong.code).toBe("BAD_REQUEST");
    expect(fieldsOf(tooLong)).toEqual(["to"]);
    expect(tooLong.message).toContain("Choose a range of at most 3 years (1,096 days).");
  });

  it("answers anew as soon as a revenue event is recorded", async () => {
    const api = callerFor(operator);
    const range = { from: "2012-01-01", to: "2012-01-31" };
    const before = await api.analytics.platform(range);
    // Still A's 5,600 from 2010 (B churned).
    expect(before.summary.mrrEndCents).toBe(5_600);
    expect(await api.analytics.platform(range)).toEqual(before);
    await revenue(b.id, "reactivation", 0, 2_800, "2012-01-10T09:00:00Z");
    const after = await api.analytics.platform(range);
    expect(after.summary).toMatchObject({ mrrEndCents: 8_400, netNewCents: 2_800, reactivatedTeams: 1, payingTeamsEnd: 2 });
  });
});

describe("analytics.team", () => {
  it("shows the owner the team's AI cost against its prorated fee and overage, its top users and plan", async () => {
    const report = await callerFor(a.owner, a.id).analytics.team(FEB_2010);
    expect(report.plan).toEqual({ id: "professional", name: "Professional", monthlyPriceCents: 9_900, status: "ACTIVE" });
    expect(report.mrrCents).toBe(5_600);
    // Fee: 9 × 1,000,000 + 19 × 2,000,000 = 47,000,000; overage: (6,100 − 5,600)¢ = 5,000,000 micros.
    // Cost: 106,000. Paid 52,000,000; margin 52,000,000 − 106,000 = 51,894,000.
    expect(report.totals).toMatchObject({
      inputTokens: 13_100,
      outputTokens: 1_550,
      calls: 4,
      costMicros: 106_000,
      feeMicros: 47_000_000,
      overageMicros: 5_000_000,
      paidMicros: 52_000_000,
      marginMicros: 51_894_000,
    });
    expect(report.series[9]).toMatchObject({ from: "2010-02-10", feeMicros: 2_000_000, overageMicros: 5_000_000, paidMicros: 7_000_000 });
    expect(report.series[2]).toMatchObject({ from: "2010-02-03", tokens: 1_500, costMicros: 30_000, feeMicros: 1_000_000 });
    expect(report.topUsers.map((u) => [u.name, u.email, u.tokens, u.costMicros])).toEqual([
      ["Ana Owner", a.owner.email, 4_500, 100_000],
      ["analytics-admin", adminOfA.email, 150, 1_000],
    ]);
  });

  it("shows a second team only its own rows", async () => {
    const report = await callerFor(b.owner, b.id).analytics.team(FEB_2010);
    expect(report.plan).toMatchObject({ id: "starter", status: null });
    expect(report.topUsers.map((u) => u.email)).toEqual([b.owner.email]);
    // B's fee: 19 days × 17,500,000 = 332,500,000. Its invoice was issued on 02-10, while B paid
    // 49,000¢ a month: 99,999 − 49,000 = 50,999¢ of overage. None of A's rows.
    expect(report.totals).toMatchObject({ costMicros: 900_000, inputTokens: 50_000, feeMicros: 332_500_000, overageMicros: 509_990_000 });
    expect(report.mrrCents).toBe(0);
  });

  it("is for owners: an admin of the team is refused", async () => {
    const error = await errorOf(callerFor(adminOfA, a.id).analytics.team(FEB_2010));
    expect(error.code).toBe("FORBIDDEN");
  });

  it("answers anew when the team's AI usage grows", async () => {
    const api = callerFor(a.owner, a.id);
    const range = { from: "2012-02-01", to: "2012-02-29" };
    expect((await api.analytics.team(range)).totals.costMicros).toBe(0);
    await usage(a.id, a.owner.id, 10, 10, 77, "2012-02-02T00:00:00Z");
    expect((await api.analytics.team(range)).totals.costMicros).toBe(77);
  });

  it("refuses bad ranges with a 400 naming the field", async () => {
    const api = callerFor(a.owner, a.id);
    const cases: Array<[{ from: string; to: string }, string, string]> = [
      [{ from: "2010-03-01", to: "2010-02-01" }, "to", "Choose an end date on or after the start date."],
      [{ from: "2010-01-01", to: "2011-01-02" }, "to", "Choose a range of at most 366 days."],
      [{ from: "2010-02-30", to: "2010-03-02" }, "from", "That start date does not exist."],
      [{ from: "feb", to: "2010-03-02" }, "from", "Use a date like 2026-11-24."],
      [{ from: "1990-01-01", to: "1990-01-02" }, "from", "Choose a date between the years 2000 and 2100."],
    ];
    for (const [range, field, message] of cases) {
      const error = await errorOf(api.analytics.team(range));
      expect(error.code).toBe("BAD_REQUEST");
      expect(fieldsOf(error)).toEqual([field]);
      expect(error.message).toContain(message);
    }
  });
});
