import { describe, expect, it } from "vitest";
import { createTeam } from "../../../../test/factories";
import { applySubscriptionChange } from "../billing/subscriptions";
import { dailyRevenueMicros, getAiUsageReport } from "./usage-report";

describe("getAiUsageReport: revenue from the subscription's plan", () => {
  it("prices the team's days with its subscription plan, not its tenancy tier; another team keeps its own", async () => {
    const team = await createTeam("usage-plan");
    const other = await createTeam("usage-plan-other");
    // Still on the shared tier: the plan (and what the team pays) changed, the data did not move.
    await applySubscriptionChange({
      teamId: team.id,
      planId: "enterprise",
      status: "ACTIVE",
      provider: "local",
      currentPeriodStart: new Date("2026-11-01T00:00:00Z"),
      currentPeriodEnd: new Date("2026-12-01T00:00:00Z"),
      stateAt: new Date(),
      sourceKey: `test:${team.id}`,
    });
    const range = { from: "2026-11-01", to: "2026-11-30" };

    const report = await getAiUsageReport(team.id, range);
    expect(report.plan).toEqual({ id: "enterprise", name: "Enterprise", monthlyPriceCents: 49_900 });
    // A whole month of a $499 plan: 499,000,000 µUSD.
    expect(report.totals.revenueMicros).toBe(499_000_000);
    expect(report.daily[0]?.revenueMicros).toBe(Math.round(dailyRevenueMicros({ monthlyPriceCents: 49_900 }, "2026-11-01")));

    const otherReport = await getAiUsageReport(other.id, range);
    expect(otherReport.plan.id).toBe("starter");
    expect(otherReport.totals.revenueMicros).toBe(29_000_000);
  });
});
