import { afterEach, describe, expect, it } from "vitest";
import { createTeam } from "../../../../test/factories";
import { getBaseDb } from "../../db/client";
import { resetBillingConfigForTests } from "../../services/billing/config";
import { applySubscriptionChange } from "../../services/billing/subscriptions";
import { enqueueJob, type EnqueueJobInput } from "../queue";
import { getJobDefinition } from "../registry";
import { scheduleBillingJobs } from "../runner/scheduler";
import type { JobContext } from "../types";
import { periodCloseKey, scheduleLocalPeriodCloses } from "./close-billing-period";
import { meterSlotKey, scheduleUsageMeterReport } from "./report-usage-meters";

/**
 * The metering jobs' schedules. The test database is shared by all files, and
 * the embedded scheduler's own tests tick in 2099, enqueueing every close due
 * then: a run found here may have been enqueued by them, so the tests check the
 * runs that exist rather than who created them.
 */
const ENV_KEYS = ["STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET"] as const;
const saved = Object.fromEntries(ENV_KEYS.map((key) => [key, process.env[key]]));

function useEnv(values: Partial<Record<(typeof ENV_KEYS)[number], string>>) {
  for (const key of ENV_KEYS) {
    if (values[key] === undefined) delete process.env[key];
    else process.env[key] = values[key];
  }
  resetBillingConfigForTests();
}

afterEach(() => {
  for (const key of ENV_KEYS) {
    if (saved[key] === undefined) delete process.env[key];
    else process.env[key] = saved[key];
  }
  resetBillingConfigForTests();
});

const context = (): JobContext => ({ runId: "test-run", attempt: 1, signal: new AbortController().signal, progress: async () => undefined });

/** Records enqueues instead of creating runs (idempotent by key, like enqueueJob). */
function recordingEnqueue() {
  const seen = new Map<string, EnqueueJobInput>();
  const enqueue: typeof enqueueJob = async (input) => {
    const created = !seen.has(input.key);
    seen.set(input.key, input);
    return { id: input.key, created };
  };
  return { enqueue, seen };
}

async function teamWithPeriod(label: string, start: Date, end: Date) {
  const team = await createTeam(label);
  await applySubscriptionChange({
    teamId: team.id,
    planId: "starter",
    status: "ACTIVE",
    provider: "local",
    currentPeriodStart: start,
    currentPeriodEnd: end,
    stateAt: start,
    sourceKey: `test:${team.id}`,
  });
  return team;
}

describe("report-usage-meters schedule", () => {
  it("keys runs by five-minute slot", () => {
    expect(meterSlotKey(new Date("2098-06-15T10:07:59.999Z"))).toBe("report-usage-meters:2098-06-15T10:05:00.000Z");
    expect(meterSlotKey(new Date("2098-06-15T10:05:00.000Z"))).toBe("report-usage-meters:2098-06-15T10:05:00.000Z");
    expect(meterSlotKey(new Date("2098-06-15T10:04:59.999Z"))).toBe("report-usage-meters:2098-06-15T10:00:00.000Z");
  });

  it("enqueues one run per slot when Stripe is configured, none with the local provider", async () => {
    useEnv({});
    expect(await scheduleUsageMeterReport(new Date("2098-01-01T00:01:00Z"), enqueueJob)).toEqual([]);

    useEnv({ STRIPE_SECRET_KEY: "sk_test_schedule123", STRIPE_WEBHOOK_SECRET: "whsec_schedule123" });
    const at = new Date("2098-01-01T00:01:00Z");
    expect(await scheduleUsageMeterReport(at, enqueueJob)).toEqual(["report-usage-meters:2098-01-01T00:00:00.000Z"]);
    // The same slot again (a later tick, another process): nothing new.
    expect(await scheduleUsageMeterReport(new Date("2098-01-01T00:04:59Z"), enqueueJob)).toEqual([]);
    expect(await scheduleUsageMeterReport(new Date("2098-01-01T00:05:00Z"), enqueueJob)).toEqual(["report-usage-meters:2098-01-01T00:05:00.000Z"]);
    const run = await getBaseDb().jobRun.findUniqueOrThrow({ where: { key: "report-usage-meters:2098-01-01T00:00:00.000Z" }, select: { job: true, status: true } });
    expect(run).toEqual({ job: "report-usage-meters", status: "QUEUED" });
  });
});

describe("close-billing-period schedule and job", () => {
  it("enqueues each finished local period once, keyed by team and period, and the job closes it", async () => {
    useEnv({});
    const start = new Date("2020-01-01T00:00:00Z");
    const end = new Date("2020-02-01T00:00:00Z");
    const team = await teamWithPeriod("sched-close", start, end);
    const current = await teamWithPeriod("sched-close-current", end, new Date("2020-03-01T00:00:00Z"));
    const at = new Date("2020-02-01T01:00:00Z");

    const key = periodCloseKey(team.id, start);
    expect(key).toBe(`close-billing-period:${team.id}:2020-01-01T00:00:00.000Z`);
    const first = await scheduleLocalPeriodCloses(at, enqueueJob);
    // The current period has not ended: nothing for that team.
    expect(first.some((k) => k.includes(current.id))).toBe(false);
    // Once enqueued (by this tick, or by a 2099 tick of the scheduler's tests), never again.
    expect(await scheduleLocalPeriodCloses(new Date(at.getTime() + 3_600_000), enqueueJob)).not.toContain(key);
    const run = await getBaseDb().jobRun.findUniqueOrThrow({ where: { key }, select: { job: true, teamId: true, payload: true } });
    expect(run).toEqual({ job: "close-billing-period", teamId: team.id, payload: { teamId: team.id, periodStart: "2020-01-01T00:00:00.000Z" } });

    const job = getJobDefinition("close-billing-period");
    if (!job) throw new Error("close-billing-period is not registered");
    expect(await job.run(run.payload, context())).toMatchObject({ status: "closed", amountDueCents: 2_900 });
    expect(await job.run(run.payload, context())).toEqual({ status: "skipped", reason: "already-closed" });
    expect(await getBaseDb().billingInvoice.count({ where: { teamId: team.id } })).toBe(1);
    expect(await getBaseDb().billingInvoice.count({ where: { teamId: current.id } })).toBe(0);
    expect(() => job.parsePayload({ teamId: team.id, periodStart: "yesterday" })).toThrow();
  });

  it("schedules billing from the embedded cron, and a broken billing configuration only skips billing", async () => {
    // After 2099: no other file's tick has enqueued these closes, so each one is offered here.
    useEnv({});
    const start = new Date("2101-01-01T00:00:00Z");
    const team = await teamWithPeriod("sched-billing", start, new Date("2101-02-01T00:00:00Z"));
    const recorder = recordingEnqueue();
    const localTick = await scheduleBillingJobs(new Date("2101-02-01T01:00:00Z"), recorder.enqueue);
    expect(localTick).toContain(periodCloseKey(team.id, start));
    // The billing-event sweep, once per five-minute slot, whatever the provider.
    expect(localTick).toContain("sweep-billing-events:2101-02-01T01:00:00.000Z");
    expect(recorder.seen.get("sweep-billing-events:2101-02-01T01:00:00.000Z")).toMatchObject({ job: "sweep-billing-events", payload: {} });

    // Stripe configured: usage is metered, and local teams are not invoiced here.
    useEnv({ STRIPE_SECRET_KEY: "sk_test_schedule123", STRIPE_WEBHOOK_SECRET: "whsec_schedule123" });
    const stripeTick = recordingEnqueue();
    expect(await scheduleBillingJobs(new Date("2101-02-01T01:02:00Z"), stripeTick.enqueue)).toEqual([
      "sweep-billing-events:2101-02-01T01:00:00.000Z",
      "report-usage-meters:2101-02-01T01:00:00.000Z",
    ]);

    // A broken configuration skips usage billing only: stuck billing events are still swept.
    useEnv({ STRIPE_SECRET_KEY: "not-a-key" });
    expect(await scheduleBillingJobs(new Date("2101-02-01T01:03:00Z"), recordingEnqueue().enqueue)).toEqual(["sweep-billing-events:2101-02-01T01:00:00.000Z"]);
  });
});
