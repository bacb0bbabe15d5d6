import { describe, expect, it } from "vitest";
import { createTeam, uniqueSuffix } from "../test/factories";
import { getBaseDb } from "../src/server/db/client";
import { demoCustomers, seedHistory, usageRows } from "./seed-billing";

const NOW = new Date("2026-11-24T12:00:00Z");

describe("demo billing history", () => {
  it("is past changes per customer over the last 16 months, each starting with a signup", () => {
    const { acme, globex, customers } = demoCustomers(NOW);
    expect(customers.length).toBeGreaterThanOrEqual(8);
    for (const history of [acme, globex, ...customers.map((c) => c.history)]) {
      expect(history[0]?.status).toBe("ACTIVE");
      const times = history.map((change) => change.at.getTime());
      expect(times).toEqual([...times].sort((x, y) => x - y));
      expect(Math.max(...times)).toBeLessThan(NOW.getTime());
      expect(Math.min(...times)).toBeGreaterThan(NOW.getTime() - 17 * 31 * 86_400_000);
    }
    // Every kind of movement is there: some customers churn, some come back, some downgrade.
    expect(customers.some((c) => c.history.some((change) => change.status === "CANCELED"))).toBe(true);
    expect(new Set(customers.map((c) => c.slug)).size).toBe(customers.length);
  });

  it("uses AI only while the customer pays", () => {
    const history = [
      { at: new Date("2026-01-01T09:30:00Z"), planId: "starter" as const, status: "ACTIVE" as const },
      { at: new Date("2026-01-11T09:30:00Z"), planId: "starter" as const, status: "CANCELED" as const },
    ];
    const rows = usageRows("team-x", history, NOW);
    // Days 01-02 … 01-11 at 14:00: 01-11 14:00 is after the cancellation, so 01-02 … 01-10 = 9 days.
    expect(rows).toHaveLength(9);
    expect(rows.every((row) => row.costMicros > 0n && row.userId === null)).toBe(true);
  });

  it("writes the ledger through the app's subscription changes, once", async () => {
    const team = await createTeam("seed-billing");
    const key = `test-${uniqueSuffix()}`;
    // 2015: after the years the analytics tests report on (a paying team would count in them), before everyone else's.
    const at = (iso: string) => new Date(iso);
    const history = [
      { at: at("2015-01-05T09:30:00Z"), planId: "professional" as const, status: "ACTIVE" as const },
      { at: at("2015-03-05T09:30:00Z"), planId: "starter" as const, status: "ACTIVE" as const },
      { at: at("2015-05-05T09:30:00Z"), planId: "starter" as const, status: "CANCELED" as const },
      { at: at("2015-07-05T09:30:00Z"), planId: "enterprise" as const, status: "ACTIVE" as const },
    ];
    expect(await seedHistory(team.id, key, history)).toBe(true);
    expect(await seedHistory(team.id, key, history)).toBe(false);
    const ledger = await getBaseDb().revenueEvent.findMany({
      where: { teamId: team.id },
      select: { kind: true, previousMrrCents: true, mrrCents: true },
      orderBy: { occurredAt: "asc" },
    });
    expect(ledger).toEqual([
      { kind: "new", previousMrrCents: 0, mrrCents: 9_900 },
      { kind: "contraction", previousMrrCents: 9_900, mrrCents: 2_900 },
      { kind: "churn", previousMrrCents: 2_900, mrrCents: 0 },
      { kind: "reactivation", previousMrrCents: 0, mrrCents: 49_900 },
    ]);
    expect(await getBaseDb().subscription.findUnique({ where: { teamId: team.id }, select: { planId: true, status: true } })).toEqual({ planId: "enterprise", status: "ACTIVE" });
  });
});
