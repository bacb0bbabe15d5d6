import { getBaseDb } from "../../../db/client";
import type { enqueueJob } from "../../../jobs/queue";
import { billingEventRetryKey, eventsWithRunInFlight, PROCESS_BILLING_EVENT_JOB } from "./event-runs";

/**
 * The sweeper (every five minutes): billing events still RECEIVED or FAILED a
 * few minutes after they arrived — their run failed for good (attempts used up
 * during a long outage, a CONFLICT or NOT_FOUND thrown), or never got enqueued —
 * are handed over again, each try under a key of its own
 * (`billing-event:<id>:sweep:<n>`), never while a run of the event is under way.
 * The tries back off with the event's age (SWEEP_AGES_MIN: the n-th try once the
 * event is that old), and every run of one counts in BillingEvent.attempts
 * (processBillingEvent). After GIVE_UP_AFTER_MS the event is left FAILED for an
 * operator, with one log line of ids; a delivery of it again (a resend from the
 * Stripe dashboard) still processes it (event-runs.ts).
 */
export const SWEEP_MIN_AGE_MS = 5 * 60_000;
export const GIVE_UP_AFTER_MS = 48 * 3_600_000;
/** Ages (minutes since receipt) at which an unprocessed event gets its n-th sweep. */
export const SWEEP_AGES_MIN: readonly number[] = [5, 15, 30, 60, 120, 240, 480, 720, 1_080, 1_440, 1_800, 2_160, 2_520];
/** Prefix of BillingEvent.error once the sweeper gave the event up. */
export const GAVE_UP_PREFIX = "Not processed after 48 hours of tries; left for an operator. Last failure: ";

export type SweepLimits = { maxEnqueuesPerRun: number; maxGiveUpsPerRun: number; pageSize: number; maxPages: number };
export const SWEEP_LIMITS: SweepLimits = { maxEnqueuesPerRun: 100, maxGiveUpsPerRun: 100, pageSize: 200, maxPages: 10 };

export type SweepResult = { enqueued: string[]; gaveUp: string[] };

/** Which sweep an event of this age is due for (0-based), or null while it is younger than the first. */
export function sweepIndex(ageMs: number): number | null {
  let index: number | null = null;
  for (let i = 0; i < SWEEP_AGES_MIN.length; i += 1) {
    if (ageMs >= (SWEEP_AGES_MIN[i] ?? Infinity) * 60_000) index = i;
  }
  return index;
}

const OPEN = ["RECEIVED", "FAILED"] as const;

export async function sweepBillingEvents(options: { now?: Date; enqueue: typeof enqueueJob; limits?: SweepLimits }): Promise<SweepResult> {
  const now = options.now ?? new Date();
  const limits = options.limits ?? SWEEP_LIMITS;
  const db = getBaseDb();
  const giveUpBefore = new Date(now.getTime() - GIVE_UP_AFTER_MS);
  const result: SweepResult = { enqueued: [], gaveUp: [] };

  let cursor: { id: string } | undefined;
  for (let page = 0; page < limits.maxPages && result.enqueued.length < limits.maxEnqueuesPerRun; page += 1) {
    const events = await db.billingEvent.findMany({
      where: { status: { in: [...OPEN] }, receivedAt: { gt: giveUpBefore, lte: new Date(now.getTime() - SWEEP_MIN_AGE_MS) } },
      orderBy: [{ receivedAt: "asc" }, { id: "asc" }],
      take: limits.pageSize,
      ...(cursor ? { cursor, skip: 1 } : {}),
      select: { id: true, receivedAt: true },
    });
    if (events.length === 0) break;
    const due = events.flatMap((event) => {
      const index = sweepIndex(now.getTime() - event.receivedAt.getTime());
      return index === null ? [] : [{ id: event.id, key: billingEventRetryKey(event.id, "sweep", String(index)) }];
    });
    // Two queries per page: which sweeps were handed over already, and which events have a run under way.
    const [known, busy] = await Promise.all([
      db.jobRun.findMany({ where: { key: { in: due.map((d) => d.key) } }, select: { key: true } }),
      eventsWithRunInFlight(due.map((d) => d.id), now),
    ]);
    const knownKeys = new Set(known.map((run) => run.key));
    for (const { id, key } of due) {
      if (result.enqueued.length >= limits.maxEnqueuesPerRun) break;
      if (knownKeys.has(key) || busy.has(id)) continue;
      const { created } = await options.enqueue({ job: PROCESS_BILLING_EVENT_JOB, payload: { billingEventId: id }, key, teamId: null });
      if (created) result.enqueued.push(key);
    }
    if (events.length < limits.pageSize) break;
    const last = events[events.length - 1];
    cursor = last ? { id: last.id } : undefined;
  }

  // Given up: older than the cap and not marked yet (once per event, so one log line each).
  const expired = await db.billingEvent.findMany({
    where: {
      status: { in: [...OPEN] },
      receivedAt: { lte: giveUpBefore },
      OR: [{ error: null }, { NOT: { error: { startsWith: GAVE_UP_PREFIX } } }],
    },
    orderBy: { receivedAt: "asc" },
    take: limits.maxGiveUpsPerRun,
    select: { id: true, externalId: true, source: true, type: true, attempts: true, error: true },
  });
  for (const event of expired) {
    const marked = await db.billingEvent.updateMany({
      where: { id: event.id, status: { in: [...OPEN] } },
      data: { status: "FAILED", error: `${GAVE_UP_PREFIX}${event.error ?? "none"}`.slice(0, 1_000) },
    });
    if (marked.count === 0) continue;
    result.gaveUp.push(event.id);
    // Ids only: the payload and the error may carry customer data.
    console.warn(`[billing] event ${event.externalId.slice(0, 80)} (${event.source}, ${event.type.slice(0, 80)}, row ${event.id}) not processed after ${event.attempts} tries in 48 hours: left FAILED for an operator.`);
  }
  return result;
}
