import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { addMember, callerFor, createTeam, createUser } from "../../../../../test/factories";
import { getBaseDb } from "../../../db/client";
import { dailyRevenueMicros } from "../../../services/ai-usage/usage-report";

type Seed = { userId: string | null; at: string; input: number; output: number; cost: number };

async function seedUsage(teamId: string, rows: Seed[]) {
  await getBaseDb().aiUsageEvent.createMany({
    data: rows.map((row) => ({
      teamId,
      userId: row.userId,
      feature: "rag-answer",
      provider: "gemini",
      model: "gemini-2.5-flash",
      inputTokens: row.input,
      outputTokens: row.output,
      costMicros: BigInt(row.cost),
      status: "ok",
      createdAt: new Date(row.at),
    })),
  });
}

async function errorOf(promise: Promise<unknown>): Promise<TRPCError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(TRPCError);
  return error as TRPCError;
}

function zodMessages(error: TRPCError): string[] {
  expect(error.cause).toBeInstanceOf(ZodError);
  return (error.cause as ZodError).issues.map((issue) => issue.message);
}

describe("ai.usage", () => {
  it("reports tokens, cost, prorated revenue, margin and flags per user, for the caller's team only", async () => {
    const a = await createTeam("usage-a");
    const b = await createTeam("usage-b");
    await getBaseDb().team.update({ where: { id: a.id }, data: { timezone: "Asia/Jakarta" } });
    const admin = await addMember(a.id, "ADMIN", "usage-admin");
    const staff = await addMember(a.id, "STAFF", "usage-staff");
    const former = await createUser("usage-former"); // used AI, then left the team
    const bStaff = await addMember(b.id, "STAFF", "usage-b-staff");

    // Team A, November 2026 in Asia/Jakarta (UTC+7).
    await seedUsage(a.id, [
      { userId: a.owner.id, at: "2026-11-01T00:30:00Z", input: 1_000, output: 200, cost: 800_000 },
      { userId: a.owner.id, at: "2026-10-31T18:00:00Z", input: 500, output: 100, cost: 400_000 }, // 1 Nov 01:00 local
      { userId: a.owner.id, at: "2026-10-31T16:59:00Z", input: 9_999, output: 9_999, cost: 9_999 }, // 31 Oct local: out
      { userId: admin.id, at: "2026-11-15T10:00:00Z", input: 20_000, output: 5_000, cost: 12_000_000 },
      { userId: staff.id, at: "2026-11-30T16:59:59Z", input: 100, output: 50, cost: 1_000 }, // 30 Nov 23:59:59 local
      { userId: staff.id, at: "2026-11-30T17:00:00Z", input: 7_777, output: 7_777, cost: 7_777 }, // 1 Dec local: out
      { userId: former.id, at: "2026-11-10T03:00:00Z", input: 300, output: 30, cost: 5_000 },
      { userId: null, at: "2026-11-20T00:00:00Z", input: 4_000, output: 0, cost: 600 },
    ]);
    // Team B: same month, far bigger numbers; none of it may show up for team A.
    await seedUsage(b.id, [
      { userId: b.owner.id, at: "2026-11-05T12:00:00Z", input: 1_000_000, output: 1_000_000, cost: 90_000_000 },
      { userId: bStaff.id, at: "2026-11-06T12:00:00Z", input: 10, output: 10, cost: 10 },
    ]);

    const report = await callerFor(a.owner, a.id).ai.usage({ from: "2026-11-01", to: "2026-11-30" });

    // Starter: $29.00 a month = 29,000,000 micro-USD for a whole month; 3 members → 9,666,667 each.
    expect(report).toMatchObject({ days: 30, timeZone: "Asia/Jakarta", memberCount: 3, plan: { id: "starter" } });
    expect(report.totals).toEqual({
      inputTokens: 25_900,
      outputTokens: 5_380,
      calls: 6,
      costMicros: 13_206_600,
      revenueMicros: 29_000_000,
      marginMicros: 15_793_400,
      flaggedUsers: 2,
    });
    expect(report.unattributed).toEqual({ inputTokens: 4_000, outputTokens: 0, calls: 1, costMicros: 600 });

    expect(report.daily).toHaveLength(30);
    expect(report.daily[0]).toEqual({
      date: "2026-11-01",
      inputTokens: 1_500,
      outputTokens: 300,
      calls: 2,
      costMicros: 1_200_000,
      revenueMicros: 966_667,
    });
    expect(report.daily[29]).toMatchObject({ date: "2026-11-30", costMicros: 1_000, calls: 1 });
    expect(report.daily[14]).toMatchObject({ date: "2026-11-15", costMicros: 12_000_000 });
    expect(report.daily[1]).toMatchObject({ date: "2026-11-02", costMicros: 0, calls: 0, revenueMicros: 966_667 });

    const rows = report.users.map((u) => [u.userId, u.role, u.costMicros, u.revenueMicros, u.marginMicros, u.flagged]);
    expect(rows).toEqual([
      [admin.id, "ADMIN", 12_000_000, 9_666_667, -2_333_333, true],
      [former.id, null, 5_000, 0, -5_000, true],
      [a.owner.id, "OWNER", 1_200_000, 9_666_667, 8_466_667, false],
      [staff.id, "STAFF", 1_000, 9_666_667, 9_665_667, false],
    ]);
    expect(report.users[0]).toMatchObject({ email: admin.email, name: "usage-admin", inputTokens: 20_000, outputTokens: 5_000 });
    expect(report.users[1]).toMatchObject({ email: former.email, name: "usage-former" });
    const ids = report.users.map((u) => u.userId);
    expect(ids).not.toContain(b.owner.id);
    expect(ids).not.toContain(bStaff.id);

    // Team B sees its own numbers and nothing of team A.
    const other = await callerFor(b.owner, b.id).ai.usage({ from: "2026-11-01", to: "2026-11-30" });
    expect(other.totals).toMatchObject({ calls: 2, inputTokens: 1_000_010, costMicros: 90_000_010, flaggedUsers: 1 });
    expect(other.unattributed).toBeNull();
    expect(other.users.map((u) => u.userId).sort()).toEqual([b.owner.id, bStaff.id].sort());
    expect(other.users.find((u) => u.userId === b.owner.id)).toMatchObject({ revenueMicros: 14_500_000, flagged: true });
  });

  it("prorates revenue day by day across months", async () => {
    const team = await createTeam("usage-prorate");
    const report = await callerFor(team.owner, team.id).ai.usage({ from: "2026-02-27", to: "2026-03-02" });
    // 2 days of February (28 days) + 2 days of March (31 days) of $29.00.
    const exact = (2 * 29_000_000) / 28 + (2 * 29_000_000) / 31;
    expect(report.totals.revenueMicros).toBe(Math.round(exact));
    expect(report.totals.revenueMicros).toBe(3_942_396);
    expect(report.daily.map((d) => d.date)).toEqual(["2026-02-27", "2026-02-28", "2026-03-01", "2026-03-02"]);
    expect(report.daily.map((d) => d.revenueMicros)).toEqual([1_035_714, 1_035_714, 935_484, 935_484]);
    expect(report.totals).toMatchObject({ calls: 0, costMicros: 0, marginMicros: 3_942_396, flaggedUsers: 0 });
    expect(report.users).toEqual([expect.objectContaining({ userId: team.owner.id, revenueMicros: 3_942_396, flagged: false })]);
    expect(dailyRevenueMicros({ monthlyPriceCents: 2_900 }, "2028-02-29")).toBe(29_000_000 / 29);
  });

  it("is for owners and admins only", async () => {
    const team = await createTeam("usage-rbac");
    const staff = await addMember(team.id, "STAFF");
    const manager = await addMember(team.id, "MANAGER");
    const admin = await addMember(team.id, "ADMIN");
    const range = { from: "2026-11-01", to: "2026-11-30" };
    expect((await errorOf(callerFor(staff, team.id).ai.usage(range))).code).toBe("FORBIDDEN");
    expect((await errorOf(callerFor(manager, team.id).ai.usage(range))).code).toBe("FORBIDDEN");
    await expect(callerFor(admin, team.id).ai.usage(range)).resolves.toMatchObject({ memberCount: 4 });
    expect((await errorOf(callerFor(null).ai.usage(range))).code).toBe("UNAUTHORIZED");
  });

  it("validates the range with clear messages", async () => {
    const team = await createTeam("usage-input");
    const api = callerFor(team.owner, team.id);
    const cases: Array<[{ from: string; to: string }, string]> = [
      [{ from: "24/11/2026", to: "2026-11-30" }, "Use a date like 2026-11-24."],
      [{ from: "2026-11-01", to: "2026-02-30" }, "That end date does not exist."],
      [{ from: "2026-13-01", to: "2026-12-30" }, "That start date does not exist."],
      [{ from: "2026-11-30", to: "2026-11-01" }, "Choose an end date on or after the start date."],
      [{ from: "2025-01-01", to: "2026-01-02" }, "Choose a range of at most 366 days."],
    ];
    for (const [input, message] of cases) {
      const error = await errorOf(api.ai.usage(input));
      expect(error.code, JSON.stringify(input)).toBe("BAD_REQUEST");
      expect(zodMessages(error)).toEqual([message]);
    }
    // 366 days exactly (a full leap year) is allowed.
    await expect(api.ai.usage({ from: "2028-01-01", to: "2028-12-31" })).resolves.toMatchObject({ days: 366 });
  });
});
