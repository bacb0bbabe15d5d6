import { afterEach, describe, expect, it, vi } from "vitest";
import { uniqueSuffix } from "../../../../../test/factories";
import { getBaseDb } from "../../../db/client";
import { EXTERNAL_LOCK } from "../../../db/job-claim";
import type { Prisma } from "../../../db/generated/client";
import { enqueueJob } from "../../../jobs/queue";
import { getJobDefinition } from "../../../jobs/registry";
import { billingEventJobKey } from "./event-runs";
import { GAVE_UP_PREFIX, sweepBillingEvents, sweepIndex } from "./sweep";

/**
 * The sweeper of billing events whose processing failed for good. Its clock is
 * set in 1999–2001 (events received then): events other test files store now
 * are in its future, so it never touches them. Each test here runs at an
 * earlier time than the one before, so a later test never sees (or gives up)
 * an earlier test's events.
 */
const db = getBaseDb();
const NOW = new Date("2001-03-01T12:00:00Z");
const minutesAgo = (minutes: number, now = NOW) => new Date(now.getTime() - minutes * 60_000);
const ctx = { runId: "test", attempt: 1, signal: new AbortController().signal, progress: async () => undefined };

afterEach(() => vi.restoreAllMocks());

async function storedEvent(status: "RECEIVED" | "FAILED" | "PROCESSED", receivedAt: Date, extra: Partial<Prisma.BillingEventCreateInput> = {}) {
  const externalId = `evt_sweep_${uniqueSuffix()}${uniqueSuffix()}`;
  const row = await db.billingEvent.create({
    data: {
      source: "local",
      externalId,
      // Not handled by the app: a successful run marks it IGNORED (done).
      type: "customer.tax_id.created",
      occurredAt: receivedAt,
      receivedAt,
      status,
      payload: { id: externalId, type: "customer.tax_id.created", data: { object: { id: "txi_1", object: "tax_id", name: "Secret Customer Ltd" } } },
      ...extra,
    },
    select: { id: true, externalId: true },
  });
  return row;
}

/** The event's first run, failed for good (attempts used up during an outage). */
async function failedFirstRun(rowId: string) {
  await db.jobRun.create({
    data: { job: "process-billing-event", key: billingEventJobKey(rowId), payload: { billingEventId: rowId }, status: "FAILED", attempts: 8, maxAttempts: 8 },
    select: { id: true },
  });
}

describe("sweepIndex", () => {
  it("backs off with the event's age", () => {
    expect(sweepIndex(4 * 60_000)).toBeNull();
    expect(sweepIndex(5 * 60_000)).toBe(0);
    expect(sweepIndex(14 * 60_000)).toBe(0);
    expect(sweepIndex(15 * 60_000)).toBe(1);
    expect(sweepIndex(47 * 3_600_000)).toBe(12);
  });
});

describe("sweepBillingEvents", () => {
  it("hands a stuck event over again under a new key per try, never while a run is under way, and processes it", async () => {
    const stuck = await storedEvent("FAILED", minutesAgo(10), { error: "Stripe unreachable.", attempts: 8 });
    await failedFirstRun(stuck.id);
    const neverEnqueued = await storedEvent("RECEIVED", minutesAgo(6));
    const young = await storedEvent("RECEIVED", minutesAgo(2));
    const done = await storedEvent("PROCESSED", minutesAgo(30));
    const busy = await storedEvent("FAILED", minutesAgo(20));
    await db.jobRun.create({ data: { job: "process-billing-event", key: billingEventJobKey(busy.id), payload: { billingEventId: busy.id }, status: "QUEUED", attempts: 3 }, select: { id: true } });
    // On Trigger.dev an attempt failed a moment ago, and Trigger.dev retries it itself.
    const retrying = await storedEvent("FAILED", minutesAgo(20));
    await db.jobRun.create({
      data: { job: "process-billing-event", key: billingEventJobKey(retrying.id), payload: { billingEventId: retrying.id }, status: "FAILED", attempts: 2, maxAttempts: 8, lockedBy: EXTERNAL_LOCK },
      select: { id: true },
    });

    const first = await sweepBillingEvents({ now: NOW, enqueue: enqueueJob });
    expect(first.enqueued.sort()).toEqual([`${billingEventJobKey(stuck.id)}:sweep:0`, `${billingEventJobKey(neverEnqueued.id)}:sweep:0`].sort());
    expect(first.gaveUp).not.toContain(stuck.id);
    for (const row of [young, done, busy, retrying]) expect(await db.jobRun.count({ where: { key: { startsWith: `${billingEventJobKey(row.id)}:` } } })).toBe(0);

    // The next tick of the same try adds nothing; neither does the next try while this one is queued.
    expect((await sweepBillingEvents({ now: new Date(NOW.getTime() + 60_000), enqueue: enqueueJob })).enqueued).toEqual([]);
    expect((await sweepBillingEvents({ now: new Date(NOW.getTime() + 10 * 60_000), enqueue: enqueueJob })).enqueued).not.toContain(`${billingEventJobKey(stuck.id)}:sweep:1`);

    // The run processes the event (its try is counted on the event); a done event is not swept again.
    const run = await db.jobRun.findUniqueOrThrow({ where: { key: `${billingEventJobKey(stuck.id)}:sweep:0` }, select: { job: true, payload: true } });
    expect(run).toEqual({ job: "process-billing-event", payload: { billingEventId: stuck.id } });
    const job = getJobDefinition("process-billing-event");
    if (!job) throw new Error("process-billing-event is not registered");
    expect(await job.run(run.payload, ctx)).toEqual({ outcome: "ignored" });
    await db.jobRun.update({ where: { key: `${billingEventJobKey(stuck.id)}:sweep:0` }, data: { status: "SUCCEEDED" } });
    expect(await db.billingEvent.findUniqueOrThrow({ where: { id: stuck.id }, select: { status: true, attempts: true } })).toEqual({ status: "IGNORED", attempts: 9 });
    expect((await sweepBillingEvents({ now: new Date(NOW.getTime() + 60 * 60_000), enqueue: enqueueJob })).enqueued).not.toContain(`${billingEventJobKey(stuck.id)}:sweep:3`);
  });

  it("tries a failing event again at the next back-off step, bounded per run", async () => {
    const now = new Date("2000-06-01T12:00:00Z");
    const a = await storedEvent("FAILED", minutesAgo(16, now));
    const b = await storedEvent("FAILED", minutesAgo(17, now));
    // Both had their first sweep, which failed again.
    for (const row of [a, b]) {
      await failedFirstRun(row.id);
      await db.jobRun.create({ data: { job: "process-billing-event", key: `${billingEventJobKey(row.id)}:sweep:0`, payload: { billingEventId: row.id }, status: "FAILED", attempts: 8 }, select: { id: true } });
    }
    const limits = { maxEnqueuesPerRun: 1, maxGiveUpsPerRun: 10, pageSize: 1, maxPages: 5 };
    // Oldest first, one per run.
    expect((await sweepBillingEvents({ now, enqueue: enqueueJob, limits })).enqueued).toEqual([`${billingEventJobKey(b.id)}:sweep:1`]);
    expect((await sweepBillingEvents({ now, enqueue: enqueueJob, limits })).enqueued).toEqual([`${billingEventJobKey(a.id)}:sweep:1`]);
    expect((await sweepBillingEvents({ now, enqueue: enqueueJob, limits })).enqueued).toEqual([]);
    // That try failed too: the next one waits for the next step (30 minutes old).
    await db.jobRun.update({ where: { key: `${billingEventJobKey(b.id)}:sweep:1` }, data: { status: "FAILED" } });
    expect((await sweepBillingEvents({ now: new Date(now.getTime() + 5 * 60_000), enqueue: enqueueJob, limits })).enqueued).toEqual([]);
    expect((await sweepBillingEvents({ now: new Date(now.getTime() + 13 * 60_000), enqueue: enqueueJob, limits })).enqueued).toEqual([`${billingEventJobKey(b.id)}:sweep:2`]);
  });

  it("gives an event up after 48 hours: left FAILED, one log line with ids only", async () => {
    const now = new Date("2000-01-01T12:00:00Z");
    const old = await storedEvent("FAILED", minutesAgo(49 * 60, now), { error: "This billing account already belongs to another team.", attempts: 40 });
    const neverRun = await storedEvent("RECEIVED", minutesAgo(50 * 60, now));
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);

    const result = await sweepBillingEvents({ now, enqueue: enqueueJob });
    // (Another file's sweep test may leave an event even older than these: only ours are checked.)
    expect(result.gaveUp).toEqual(expect.arrayContaining([old.id, neverRun.id]));
    expect(result.enqueued).toEqual([]);
    const rows = await db.billingEvent.findMany({ where: { id: { in: [old.id, neverRun.id] } }, select: { id: true, status: true, error: true } });
    for (const row of rows) {
      expect(row.status).toBe("FAILED");
      expect(row.error?.startsWith(GAVE_UP_PREFIX)).toBe(true);
    }
    expect(rows.find((row) => row.id === old.id)?.error).toContain("already belongs to another team");
    const linesAbout = (id: string) => warn.mock.calls.map((call) => String(call[0])).filter((line) => line.includes(id));
    expect(linesAbout(old.id)).toHaveLength(1);
    expect(linesAbout(neverRun.id)).toHaveLength(1);
    expect(linesAbout(old.id)[0]).toContain(old.externalId);
    expect(linesAbout(old.id)[0]).toContain("40 tries");
    for (const call of warn.mock.calls) expect(String(call[0])).not.toContain("Secret Customer");

    // Once: later sweeps neither log nor hand it over again.
    warn.mockClear();
    const later = await sweepBillingEvents({ now: new Date(now.getTime() + 3_600_000), enqueue: enqueueJob });
    expect(later.gaveUp).not.toContain(old.id);
    expect(later.enqueued).toEqual([]);
    expect(linesAbout(old.id)).toEqual([]);
    expect(await db.jobRun.count({ where: { key: { startsWith: billingEventJobKey(old.id) } } })).toBe(0);
  });
});
