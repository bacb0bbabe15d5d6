import { describe, expect, it, vi } from "vitest";
import { addMember, createTeam } from "../../../../test/factories";
import { getBaseDb } from "../../db/client";
import { getTenantDb } from "../../db/get-tenant-db";
import type { AiUsageRecord } from "../ai/usage";
import { BillingService } from "./billing-service";
import { applySubscriptionChange } from "./subscriptions";
import { reachedThresholds, usageNoticeKey } from "./upsell";

const PERIOD = { start: new Date("2032-05-01T00:00:00Z"), end: new Date("2032-06-01T00:00:00Z") };
const NEXT_PERIOD_START = new Date("2032-06-01T00:00:00Z");

async function starterTeam(label: string) {
  const team = await createTeam(label);
  await applySubscriptionChange({
    teamId: team.id,
    planId: "starter",
    status: "ACTIVE",
    provider: "local",
    currentPeriodStart: PERIOD.start,
    currentPeriodEnd: PERIOD.end,
    stateAt: PERIOD.start,
    sourceKey: `test:${team.id}`,
  });
  return team;
}

function call(teamId: string, tokens: number, at: Date, overrides: Partial<AiUsageRecord> = {}): AiUsageRecord {
  return {
    teamId,
    userId: null,
    feature: "rag-answer",
    provider: "gemini",
    model: "gemini-2.5-flash",
    inputTokens: tokens,
    outputTokens: 0,
    status: "ok",
    latencyMs: 5,
    error: null,
    createdAt: at,
    ...overrides,
  };
}

async function usageNotifications(teamId: string) {
  const db = await getTenantDb(teamId);
  return db.notification.findMany({ where: { type: "billing.usage" }, select: { userId: true, title: true, body: true, link: true }, orderBy: { createdAt: "asc" } });
}

describe("upsell thresholds", () => {
  it("reaches 80%, 100% and the cap in order; a low owner cap skips the warnings it makes meaningless", () => {
    const quota = (used: number, cap = 1_200_000) => reachedThresholds({ usedTokens: used, allowanceTokens: 200_000, capTokens: cap });
    expect(quota(159_999)).toEqual([]);
    expect(quota(160_000)).toEqual(["80"]);
    expect(quota(200_000)).toEqual(["80", "100"]);
    expect(quota(1_200_000)).toEqual(["80", "100", "cap"]);
    // Owner limit 150,000: no 80% (160,000) or overage warning, only the cap.
    expect(quota(149_999, 150_000)).toEqual([]);
    expect(quota(150_000, 150_000)).toEqual(["cap"]);
  });
});

describe("BillingService.trackUsage", () => {
  it("records the call and notifies owners and admins once per threshold and period; another team gets nothing", async () => {
    const team = await starterTeam("upsell");
    const admin = await addMember(team.id, "ADMIN");
    const staff = await addMember(team.id, "STAFF");
    const other = await starterTeam("upsell-other");
    const at = (day: number) => new Date(Date.UTC(2032, 4, day));

    await BillingService.trackUsage(call(team.id, 150_000, at(2)));
    expect(await usageNotifications(team.id)).toEqual([]);

    // Crossing 80% (160,000 of 200,000): one notice, to the owner and the admin, linking to billing.
    await BillingService.trackUsage(call(team.id, 20_000, at(3)));
    let notes = await usageNotifications(team.id);
    expect(notes.map((n) => n.userId).sort()).toEqual([team.owner.id, admin.id].sort());
    expect(notes.map((n) => n.userId)).not.toContain(staff.id);
    expect(notes[0]).toMatchObject({ title: "Your team has used 80% of its AI allowance", link: "/settings/billing" });
    expect(notes[0]?.body).toContain("170,000 of the 200,000 AI tokens");

    // More usage under 100%: nothing new.
    await BillingService.trackUsage(call(team.id, 10_000, at(4)));
    expect(await usageNotifications(team.id)).toHaveLength(2);

    // Entering overage: the 100% notice, once, naming the price per 1,000 tokens.
    await BillingService.trackUsage(call(team.id, 30_000, at(5)));
    await BillingService.trackUsage(call(team.id, 1_000, at(6)));
    notes = await usageNotifications(team.id);
    expect(notes).toHaveLength(4);
    expect(notes[2]?.title).toBe("Your team's AI allowance is used up: overage billing has started");
    expect(notes[2]?.body).toContain("$0.02 per 1,000 tokens");

    // The cap: once, even when refused calls keep coming.
    await BillingService.trackUsage(call(team.id, 1_000_000, at(7)));
    await BillingService.trackUsage(call(team.id, 0, at(8), { status: "quota-exceeded" }));
    notes = await usageNotifications(team.id);
    expect(notes).toHaveLength(6);
    expect(notes[4]?.title).toBe("AI features are paused: your team reached its usage cap");

    const keys = await getBaseDb().billingNotice.findMany({ where: { teamId: team.id }, select: { key: true }, orderBy: { key: "asc" } });
    expect(keys.map((k) => k.key)).toEqual(["80", "100", "cap"].map((t) => usageNoticeKey(t as "80" | "100" | "cap", team.id, PERIOD.start)).sort());
    expect(await getBaseDb().aiUsageEvent.count({ where: { teamId: team.id } })).toBe(7);

    // The other team used nothing and was told nothing.
    expect(await usageNotifications(other.id)).toEqual([]);
    expect(await getBaseDb().billingNotice.count({ where: { teamId: other.id } })).toBe(0);

    // A new period starts from zero: 80% there is a new notice.
    await BillingService.trackUsage(call(team.id, 170_000, NEXT_PERIOD_START));
    expect(await usageNotifications(team.id)).toHaveLength(8);
  });

  it("sends only the most severe notice when one call passes several thresholds, and never re-sends the milder ones", async () => {
    const team = await starterTeam("upsell-jump");
    await BillingService.trackUsage(call(team.id, 210_000, new Date("2032-05-10T00:00:00Z")));
    const notes = await usageNotifications(team.id);
    expect(notes.map((n) => n.title)).toEqual(["Your team's AI allowance is used up: overage billing has started"]);
    await BillingService.trackUsage(call(team.id, 1_000, new Date("2032-05-11T00:00:00Z")));
    expect(await usageNotifications(team.id)).toHaveLength(1);
  });

  it("records local provider calls without any upsell, and never throws into the AI caller", async () => {
    const team = await starterTeam("upsell-local");
    await BillingService.trackUsage(call(team.id, 5_000_000, new Date("2032-05-10T00:00:00Z"), { provider: "local", model: "local" }));
    expect(await usageNotifications(team.id)).toEqual([]);
    expect(await getBaseDb().aiUsageEvent.count({ where: { teamId: team.id } })).toBe(1);
    // A team that does not exist: the record and the notices fail, and are only logged.
    await expect(BillingService.trackUsage(call("no-such-team", 1_000, new Date()))).resolves.toBeUndefined();
  });
});

describe("BillingService: one aggregate per metered call", () => {
  it("trackUsage counts on from checkQuota's sum, and the notices still come once per threshold", async () => {
    const team = await starterTeam("upsell-cost");
    const other = await starterTeam("upsell-cost-other");
    const at = (day: number, minute = 0) => new Date(Date.UTC(2032, 4, day, 12, minute));
    await getBaseDb().aiUsageEvent.create({
      data: { teamId: team.id, feature: "rag-answer", provider: "gemini", model: "gemini-2.5-flash", inputTokens: 155_000, status: "ok", createdAt: at(2) },
    });
    const aggregate = vi.spyOn(getBaseDb().aiUsageEvent, "aggregate");
    try {
      // One call as the gateway makes it: check, then track.
      expect((await BillingService.checkQuota(team.id, at(3))).usedTokens).toBe(155_000);
      await BillingService.trackUsage(call(team.id, 1_000, at(3, 1)));
      expect(aggregate).toHaveBeenCalledTimes(1);
      expect(await usageNotifications(team.id)).toEqual([]);

      // Two calls of the team at once: both checked at 156,000, each adds 3,000.
      // Counting on from the shared check, the second sees 162,000: the 80% notice.
      await BillingService.checkQuota(team.id, at(4));
      await BillingService.checkQuota(team.id, at(4));
      await BillingService.trackUsage(call(team.id, 3_000, at(4, 1)));
      expect(await usageNotifications(team.id)).toEqual([]);
      await BillingService.trackUsage(call(team.id, 3_000, at(4, 2)));
      expect(aggregate).toHaveBeenCalledTimes(3);
      const notes = await usageNotifications(team.id);
      expect(notes).toHaveLength(1);
      expect(notes[0]?.body).toContain("162,000 of the 200,000 AI tokens");

      // The next call's check sums afresh (the same 162,000): nothing is sent twice.
      expect((await BillingService.checkQuota(team.id, at(5))).usedTokens).toBe(162_000);
      await BillingService.trackUsage(call(team.id, 1_000, at(5, 1)));
      expect(aggregate).toHaveBeenCalledTimes(4);
      expect(await usageNotifications(team.id)).toHaveLength(1);

      // A call in another period than the check (or without a check) sums for itself.
      await BillingService.trackUsage(call(team.id, 1_000, NEXT_PERIOD_START));
      expect(aggregate).toHaveBeenCalledTimes(5);
    } finally {
      aggregate.mockRestore();
    }
    expect(await usageNotifications(other.id)).toEqual([]);
    expect(await getBaseDb().aiUsageEvent.aggregate({ where: { teamId: team.id }, _sum: { inputTokens: true } })).toEqual({ _sum: { inputTokens: 155_000 + 1_000 + 6_000 + 1_000 + 1_000 } });
  });
});
