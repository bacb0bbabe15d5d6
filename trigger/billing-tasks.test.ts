import { runInMockTaskContext } from "@trigger.dev/core/v3/test";
import { tasks } from "@trigger.dev/sdk";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { getTask, registerTaskFiles } from "../test/trigger-catalog";
import { createTeam, uniqueSuffix } from "../test/factories";
import { getBaseDb } from "../src/server/db/client";
import { EXTERNAL_LOCK } from "../src/server/db/job-claim";
import { JOB_RUN_TAG_PREFIX } from "../src/server/jobs/queue";
import { recordBillingEvent } from "../src/server/services/billing/events/ledger";

/**
 * The billing Trigger.dev wrappers, offline (the pattern of tasks.test.ts): the
 * task files register into a resource catalog set up here and run inside a
 * mocked task context.
 */
beforeAll(() =>
  registerTaskFiles([
    ["trigger/process-billing-event.ts", () => import("./process-billing-event")],
    ["trigger/dunning-step.ts", () => import("./dunning-step")],
    ["trigger/sweep-billing-events.ts", () => import("./sweep-billing-events")],
  ]),
);

const db = getBaseDb();
const signal = () => new AbortController().signal;

function failedInvoiceEvent(teamId: string, invoiceId: string) {
  return {
    source: "local" as const,
    id: `evt_trigger_${invoiceId}`,
    type: "invoice.payment_failed",
    created: Math.floor(Date.now() / 1000),
    data: {
      object: {
        id: invoiceId,
        object: "invoice",
        metadata: { teamId },
        created: Math.floor(Date.now() / 1000),
        attempt_count: 1,
        next_payment_attempt: Math.floor(Date.now() / 1000) + 3 * 86_400,
        amount_due: 2_900,
        currency: "usd",
        status: "open",
        customer: null,
      },
    },
  };
}

describe("billing Trigger.dev tasks", () => {
  it("registers the tasks with the job names as ids", () => {
    expect(getTask("process-billing-event").id).toBe("process-billing-event");
    expect(getTask("dunning-step").id).toBe("dunning-step");
    expect(getTask("sweep-billing-events").id).toBe("sweep-billing-events");
  });

  it("sweeps stuck billing events every five minutes, handing each try over to Trigger.dev under its own key", async () => {
    // 1990: before every other test's events (the sweeper only looks back from its clock).
    const timestamp = new Date("1990-05-01T12:00:00Z");
    const externalId = `evt_trigger_sweep_${uniqueSuffix()}`;
    const event = await db.billingEvent.create({
      data: { source: "local", externalId, type: "customer.tax_id.created", occurredAt: timestamp, receivedAt: new Date(timestamp.getTime() - 10 * 60_000), status: "FAILED", payload: {} },
      select: { id: true },
    });
    const trigger = vi.spyOn(tasks, "trigger").mockResolvedValue({ id: "run_sweep_1", publicAccessToken: "", taskIdentifier: "process-billing-event" } as Awaited<ReturnType<typeof tasks.trigger>>);
    try {
      const scheduled = { type: "DECLARATIVE" as const, scheduleId: "sched_sweep", timestamp, timezone: "UTC", upcoming: [] };
      const result: unknown = await runInMockTaskContext(({ ctx }) => getTask("sweep-billing-events").fns.run(scheduled, { ctx, signal: signal() }));
      const key = `billing-event:${event.id}:sweep:0`;
      expect(result).toEqual({ enqueued: [key], gaveUp: [] });
      expect(trigger).toHaveBeenCalledTimes(1);
      expect(trigger.mock.calls[0]?.slice(0, 2)).toEqual(["process-billing-event", { billingEventId: event.id }]);
      expect(trigger.mock.calls[0]?.[2]).toMatchObject({ idempotencyKey: key });
      expect(await db.jobRun.findUniqueOrThrow({ where: { key }, select: { lockedBy: true, status: true } })).toEqual({ lockedBy: EXTERNAL_LOCK, status: "QUEUED" });
    } finally {
      trigger.mockRestore();
      // Done with it: no other sweep (another file's) should meet it.
      await db.billingEvent.update({ where: { id: event.id }, data: { status: "IGNORED" } });
    }
  });

  it("processes a stored billing event and records the run on its JobRun row; the dunning step sends its email", async () => {
    const team = await createTeam("trigger-billing");
    const other = await createTeam("trigger-billing-other");
    const invoiceId = `in_local_${uniqueSuffix()}`;
    const { id } = await recordBillingEvent(failedInvoiceEvent(team.id, invoiceId));
    // As if handed over to Trigger.dev: the row is locked for it.
    const row = await db.jobRun.update({ where: { key: `billing-event:${id}` }, data: { lockedBy: EXTERNAL_LOCK }, select: { id: true } });

    const output: unknown = await runInMockTaskContext(
      ({ ctx }) => getTask("process-billing-event").fns.run({ billingEventId: id }, { ctx, signal: signal() }),
      { ctx: { run: { id: "run_billing_1", tags: [`${JOB_RUN_TAG_PREFIX}${row.id}`] }, attempt: { number: 1 } } },
    );
    expect(output).toEqual({ outcome: "processed" });
    expect(await db.jobRun.findUniqueOrThrow({ where: { id: row.id }, select: { status: true, attempts: true } })).toEqual({ status: "SUCCEEDED", attempts: 1 });
    expect(await db.billingEvent.findUniqueOrThrow({ where: { id }, select: { status: true } })).toEqual({ status: "PROCESSED" });

    const step = await db.jobRun.findFirstOrThrow({ where: { job: "dunning-step", teamId: team.id }, select: { payload: true } });
    expect(step.payload).toEqual({ teamId: team.id, invoiceId, attempt: 1, action: "warn" });
    const result: unknown = await runInMockTaskContext(({ ctx }) => getTask("dunning-step").fns.run(step.payload, { ctx, signal: signal() }));
    expect(result).toMatchObject({ emails: 1, skipped: null });
    // Run again (a Trigger.dev retry): nothing is sent twice.
    expect(await runInMockTaskContext(({ ctx }) => getTask("dunning-step").fns.run(step.payload, { ctx, signal: signal() }))).toMatchObject({ emails: 0 });
    expect(await db.emailMessage.count({ where: { teamId: team.id, kind: "billing.warn" } })).toBe(1);
    expect(await db.emailMessage.count({ where: { teamId: other.id } })).toBe(0);
  });

  it("stops Trigger.dev's retries for a payload or an event that cannot work", async () => {
    await expect(
      runInMockTaskContext(({ ctx }) => getTask("dunning-step").fns.run({ teamId: "t", invoiceId: "in_1", attempt: 1, action: "explode" }, { ctx, signal: signal() })),
    ).rejects.toMatchObject({ name: "AbortTaskRunError" });
    await expect(
      runInMockTaskContext(({ ctx }) => getTask("process-billing-event").fns.run({ billingEventId: "no-such-event" }, { ctx, signal: signal() })),
    ).rejects.toMatchObject({ name: "AbortTaskRunError" });
  });
});
