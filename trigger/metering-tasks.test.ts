import { runInMockTaskContext } from "@trigger.dev/core/v3/test";
import pg from "pg";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { getTask, registerTaskFiles } from "../test/trigger-catalog";
import { createTeam, uniqueSuffix } from "../test/factories";
import { startStripeStandIn } from "../test/stripe-stand-in";
import { getBaseDb } from "../src/server/db/client";
import { EXTERNAL_LOCK } from "../src/server/db/job-claim";
import { periodCloseKey } from "../src/server/jobs/billing/close-billing-period";
import { JOB_RUN_TAG_PREFIX } from "../src/server/jobs/queue";
import { resetBillingConfigForTests } from "../src/server/services/billing/config";
import { applySubscriptionChange } from "../src/server/services/billing/subscriptions";

/**
 * The usage-billing Trigger.dev tasks, run offline in a mocked task context (see
 * trigger/tasks.test.ts). The meter task reports every team's usage, so it runs
 * under the advisory lock src/server/services/billing/metering.test.ts holds.
 */
const ENV_KEYS = ["STRIPE_API_BASE", "STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET", "STRIPE_METER_EVENT_NAME"] as const;
const saved = Object.fromEntries(ENV_KEYS.map((key) => [key, process.env[key]]));

beforeAll(() =>
  registerTaskFiles([
    ["trigger/report-usage-meters.ts", () => import("./report-usage-meters")],
    ["trigger/close-billing-period.ts", () => import("./close-billing-period")],
  ]),
);

afterEach(() => {
  for (const key of ENV_KEYS) {
    if (saved[key] === undefined) delete process.env[key];
    else process.env[key] = saved[key];
  }
  resetBillingConfigForTests();
});

const scheduled = (timestamp: Date) => ({ type: "DECLARATIVE" as const, scheduleId: "sched_meter", timestamp, timezone: "UTC", upcoming: [] });
const signal = () => new AbortController().signal;

describe("usage-billing Trigger.dev tasks", () => {
  it("registers the tasks under the job names", () => {
    for (const id of ["report-usage-meters", "close-billing-period", "close-billing-period-schedule"]) expect(getTask(id).id).toBe(id);
  });

  it("reports usage to the Stripe meter every five minutes", async () => {
    const lock = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await lock.connect();
    await lock.query("SELECT pg_advisory_lock(hashtext('stripe-metering-tests'))");
    const standIn = await startStripeStandIn();
    try {
      process.env.STRIPE_API_BASE = standIn.url;
      process.env.STRIPE_SECRET_KEY = "sk_test_triggermeter123";
      process.env.STRIPE_WEBHOOK_SECRET = "whsec_triggermeter123";
      process.env.STRIPE_METER_EVENT_NAME = "ai_tokens_trigger";
      resetBillingConfigForTests();
      const team = await createTeam("trigger-meter");
      const customer = `cus_${uniqueSuffix()}${uniqueSuffix()}`;
      const now = new Date();
      await applySubscriptionChange({
        teamId: team.id,
        planId: "starter",
        status: "ACTIVE",
        provider: "stripe",
        stripeCustomerId: customer,
        currentPeriodStart: new Date(now.getTime() - 86_400_000),
        currentPeriodEnd: new Date(now.getTime() + 86_400_000),
        stateAt: now,
        sourceKey: `test:${team.id}`,
      });
      await getBaseDb().aiUsageEvent.create({
        data: { teamId: team.id, feature: "rag-answer", provider: "gemini", model: "gemini-2.5-flash", inputTokens: 1_234, outputTokens: 66, status: "ok" },
      });

      const result: unknown = await runInMockTaskContext(({ ctx }) => getTask("report-usage-meters").fns.run(scheduled(now), { ctx, signal: signal() }));
      expect(result).toMatchObject({ configured: true, retrying: 0, failed: 0 });
      const report = await getBaseDb().meterReport.findFirstOrThrow({ where: { teamId: team.id }, select: { id: true, status: true, tokens: true } });
      expect(report).toMatchObject({ status: "SENT", tokens: 1_300 });
      const sent = standIn.requestsTo("/v1/billing/meter_events", "POST").filter((r) => (r.body.payload as Record<string, string>).stripe_customer_id === customer);
      expect(sent.map((r) => r.body)).toEqual([
        { event_name: "ai_tokens_trigger", identifier: report.id, payload: { stripe_customer_id: customer, value: "1300" }, timestamp: expect.any(String) },
      ]);
    } finally {
      await standIn.close();
      await lock.query("SELECT pg_advisory_unlock(hashtext('stripe-metering-tests'))");
      await lock.end();
    }
  });

  it("closes a local team's finished period and records the run on its JobRun row", async () => {
    const team = await createTeam("trigger-close");
    const start = new Date("2021-01-01T00:00:00Z");
    await applySubscriptionChange({
      teamId: team.id,
      planId: "starter",
      status: "ACTIVE",
      provider: "local",
      currentPeriodStart: start,
      currentPeriodEnd: new Date("2021-02-01T00:00:00Z"),
      stateAt: start,
      sourceKey: `test:${team.id}`,
    });
    const payload = { teamId: team.id, periodStart: start.toISOString() };
    const row = await getBaseDb().jobRun.create({
      // Not the schedule's key: the embedded scheduler's tests may enqueue that one meanwhile.
      data: { job: "close-billing-period", key: `trigger-test:${periodCloseKey(team.id, start)}`, teamId: team.id, payload, lockedBy: EXTERNAL_LOCK },
      select: { id: true },
    });
    const output: unknown = await runInMockTaskContext(
      ({ ctx }) => getTask("close-billing-period").fns.run(payload, { ctx, signal: signal() }),
      { ctx: { run: { id: "run_close_1", tags: [`${JOB_RUN_TAG_PREFIX}${row.id}`] }, attempt: { number: 1 } } },
    );
    expect(output).toMatchObject({ status: "closed", amountDueCents: 2_900 });
    expect(await getBaseDb().jobRun.findUniqueOrThrow({ where: { id: row.id }, select: { status: true } })).toEqual({ status: "SUCCEEDED" });
    expect(await getBaseDb().billingInvoice.count({ where: { teamId: team.id, provider: "local" } })).toBe(1);

    // A payload that cannot work stops Trigger.dev's retries.
    await expect(
      runInMockTaskContext(({ ctx }) => getTask("close-billing-period").fns.run({ teamId: team.id, periodStart: "soon" }, { ctx, signal: signal() })),
    ).rejects.toMatchObject({ name: "AbortTaskRunError" });
  });

  it("schedules nothing hourly before any period has ended", async () => {
    const result: unknown = await runInMockTaskContext(({ ctx }) =>
      getTask("close-billing-period-schedule").fns.run(scheduled(new Date("2000-01-01T12:00:00Z")), { ctx, signal: signal() }),
    );
    expect(result).toEqual({ enqueued: [] });
  });
});
