import { getBaseDb } from "../../../db/client";
import { EXTERNAL_LOCK } from "../../../db/job-claim";
import { enqueueJob } from "../../../jobs/queue";

/**
 * The process-billing-event runs of a stored event. Its first run is keyed
 * `billing-event:<row id>`; enqueueing is idempotent by key, so once that run is
 * FAILED (attempts used up in an outage, a CONFLICT) the same key never runs the
 * event again. Later tries — the sweeper's, a redelivery's — get keys of their
 * own, and are handed over only while no run of the event is under way.
 */
export const PROCESS_BILLING_EVENT_JOB = "process-billing-event";

export function billingEventJobKey(rowId: string): string {
  return `billing-event:${rowId}`;
}

/** A later try of an event: `billing-event:<row id>:<why>:<which>` (e.g. `sweep:3`). */
export function billingEventRetryKey(rowId: string, why: "sweep" | "redelivery", which: string): string {
  return `${billingEventJobKey(rowId)}:${why}:${which}`;
}

/** A Trigger.dev run marked FAILED this recently may still get its next attempt. */
const EXTERNAL_RETRY_GRACE_MS = 30 * 60_000;

/**
 * Which of these events have a run under way: queued (maybe waiting for its
 * backoff), running, or on Trigger.dev failed so recently that its own retry
 * may still come.
 */
export async function eventsWithRunInFlight(rowIds: readonly string[], now: Date): Promise<Set<string>> {
  if (rowIds.length === 0) return new Set();
  const runs = await getBaseDb().jobRun.findMany({
    where: {
      job: PROCESS_BILLING_EVENT_JOB,
      OR: [
        { status: { in: ["QUEUED", "RUNNING"] } },
        { status: "FAILED", lockedBy: EXTERNAL_LOCK, updatedAt: { gt: new Date(now.getTime() - EXTERNAL_RETRY_GRACE_MS) } },
      ],
      AND: [{ OR: rowIds.map((id) => ({ payload: { path: ["billingEventId"], equals: id } })) }],
    },
    select: { payload: true, status: true, attempts: true, maxAttempts: true },
  });
  const busy = new Set<string>();
  for (const run of runs) {
    if (run.status === "FAILED" && run.attempts >= run.maxAttempts) continue;
    const payload = run.payload;
    if (typeof payload === "object" && payload !== null && !Array.isArray(payload) && typeof payload.billingEventId === "string") busy.add(payload.billingEventId);
  }
  return busy;
}

/**
 * Hands an event over for processing again after a duplicate delivery while it
 * is not done: its first run when there is none yet (a crash between storing
 * and enqueueing), else a run of its own — keyed per five minutes, so a burst
 * of deliveries adds one — unless a run is under way.
 */
export async function reprocessOnRedelivery(rowId: string, now: Date = new Date()): Promise<void> {
  const first = await enqueueJob({ job: PROCESS_BILLING_EVENT_JOB, payload: { billingEventId: rowId }, key: billingEventJobKey(rowId), teamId: null });
  if (first.created) return;
  if ((await eventsWithRunInFlight([rowId], now)).has(rowId)) return;
  const slot = new Date(Math.floor(now.getTime() / 300_000) * 300_000).toISOString();
  await enqueueJob({ job: PROCESS_BILLING_EVENT_JOB, payload: { billingEventId: rowId }, key: billingEventRetryKey(rowId, "redelivery", slot), teamId: null });
}
