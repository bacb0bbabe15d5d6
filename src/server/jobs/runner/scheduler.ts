import { getBaseDb } from "../../db/client";
import { scheduleLocalPeriodCloses } from "../billing/close-billing-period";
import { scheduleUsageMeterReport } from "../billing/report-usage-meters";
import { scheduleBillingEventSweep } from "../billing/sweep-billing-events";
import { scheduleMigrationCleanup } from "../tenancy/cleanup-migrated-tenants";
import { describeError } from "../../log";
import { localTime, safeTimeZone, zonedInstant } from "../local-time";
import { enqueueJob } from "../queue";

/**
 * The embedded cron: once a minute it enqueues what is due. Every enqueue is
 * keyed (one run per key, ever), so ticking again, ticking late after downtime,
 * or ticking from several processes enqueues each run once.
 *
 * - cleanup-expired-tokens: once per UTC day.
 * - mark-overdue-invoices: per ACTIVE team, once per local day (Team.timezone),
 *   at the first tick after local midnight.
 * - ceo-digest: per ACTIVE team, once its local clock has reached DIGEST_HOUR:00
 *   on its local date — a team whose server was down at 05:00 gets its digest
 *   when the server is back. A team created after that day's 05:00 waits for the
 *   next day (the dashboard says "tomorrow at 05:00").
 * - sweep-billing-events: once per five-minute slot (billing events whose
 *   processing failed for good get another run).
 * - report-usage-meters: with Stripe configured, once per five-minute slot.
 * - close-billing-period: with the local provider, per team whose billing period
 *   has ended, once per team and period.
 */
export const DIGEST_HOUR = 5;
const TEAM_BATCH = 500;

export function ceoDigestKey(teamId: string, localDate: string): string {
  return `ceo-digest:${teamId}:${localDate}`;
}

export function markOverdueKey(teamId: string, localDate: string): string {
  return `mark-overdue-invoices:${teamId}:${localDate}`;
}

export function cleanupKey(now: Date): string {
  return `cleanup-expired-tokens:${now.toISOString().slice(0, 10)}`;
}

export type ScheduleResult = { enqueued: string[] };

type TeamRun = { job: "ceo-digest" | "mark-overdue-invoices"; key: string; teamId: string; date: string };

/** The per-team runs due at `now` (whether or not they were enqueued already). */
export async function dueTeamRuns(now: Date): Promise<TeamRun[]> {
  const due: TeamRun[] = [];
  let cursor: string | undefined;
  for (;;) {
    const teams = await getBaseDb().team.findMany({
      where: { status: "ACTIVE" },
      orderBy: { id: "asc" },
      take: TEAM_BATCH,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
      select: { id: true, timezone: true, createdAt: true },
    });
    for (const team of teams) {
      // `now` may be a past instant (a late Trigger.dev tick, a test): no runs for teams that did not exist yet.
      if (team.createdAt > now) continue;
      const timeZone = safeTimeZone(team.timezone);
      const local = localTime(now, timeZone);
      due.push({ job: "mark-overdue-invoices", key: markOverdueKey(team.id, local.date), teamId: team.id, date: local.date });
      if (local.hour < DIGEST_HOUR) continue;
      if (team.createdAt > zonedInstant(local.date, DIGEST_HOUR, 0, timeZone)) continue;
      due.push({ job: "ceo-digest", key: ceoDigestKey(team.id, local.date), teamId: team.id, date: local.date });
    }
    if (teams.length < TEAM_BATCH) return due;
    cursor = teams[teams.length - 1]?.id;
  }
}

/** Teams (with their local digest date) whose digest is due at `now`. */
export async function teamsDueForDigest(now: Date): Promise<Array<{ teamId: string; date: string }>> {
  return (await dueTeamRuns(now)).filter((run) => run.job === "ceo-digest").map(({ teamId, date }) => ({ teamId, date }));
}

type Enqueue = typeof enqueueJob;

/**
 * Enqueues every per-team run due at `now` that has no run yet. Also used by the
 * hourly Trigger.dev schedule (trigger/ceo-digest.ts) with a hand-over enqueue.
 */
export async function scheduleTeamJobs(now: Date, enqueue: Enqueue = enqueueJob): Promise<string[]> {
  const enqueued: string[] = [];
  const due = await dueTeamRuns(now);
  for (let i = 0; i < due.length; i += TEAM_BATCH) {
    const batch = due.slice(i, i + TEAM_BATCH);
    // One query tells which keys already have their run; only the rest are enqueued.
    const existing = await getBaseDb().jobRun.findMany({ where: { key: { in: batch.map((run) => run.key) } }, select: { key: true } });
    const known = new Set(existing.map((run) => run.key));
    for (const run of batch) {
      if (known.has(run.key)) continue;
      const { created } = await enqueue({ job: run.job, payload: { teamId: run.teamId, date: run.date }, key: run.key, teamId: run.teamId });
      if (created) enqueued.push(run.key);
    }
  }
  return enqueued;
}

/** One tick of the embedded cron. */
export async function scheduleDueJobs(now: Date = new Date()): Promise<ScheduleResult> {
  const enqueued: string[] = [];
  const cleanup = await enqueueJob({ job: "cleanup-expired-tokens", payload: {}, key: cleanupKey(now) });
  if (cleanup.created) enqueued.push(cleanupKey(now));
  enqueued.push(...(await scheduleTeamJobs(now)));
  enqueued.push(...(await scheduleBillingJobs(now)));
  try {
    // Hourly: the source copy of tier moves past their grace period.
    enqueued.push(...(await scheduleMigrationCleanup(now, enqueueJob)));
  } catch (error) {
    console.error(`[jobs] tenant migration cleanup not scheduled: ${describeError(error)}`);
  }
  return { enqueued };
}

/**
 * Billing's runs. The sweep does not depend on the billing configuration; a
 * misconfiguration is logged and skips only usage billing, leaving the other
 * schedules alone.
 */
export async function scheduleBillingJobs(now: Date, enqueue: Enqueue = enqueueJob): Promise<string[]> {
  const enqueued: string[] = [];
  try {
    enqueued.push(...(await scheduleBillingEventSweep(now, enqueue)));
  } catch (error) {
    console.error(`[jobs] billing event sweep not scheduled: ${describeError(error)}`);
  }
  try {
    return [...enqueued, ...(await scheduleUsageMeterReport(now, enqueue)), ...(await scheduleLocalPeriodCloses(now, enqueue))];
  } catch (error) {
    console.error(`[jobs] billing schedule skipped: ${describeError(error)}`);
    return enqueued;
  }
}

export type JobScheduler = { start(): void; stop(): void };

/** Ticks at the start of every minute (plus a second, so "05:00" has arrived everywhere). */
export function createJobScheduler(options: { log?: (line: string) => void } = {}): JobScheduler {
  const log = options.log ?? ((line: string) => console.log(line));
  let timer: NodeJS.Timeout | null = null;
  let started = false;
  let stopped = false;

  const next = () => {
    if (stopped) return;
    const delay = 60_000 - (Date.now() % 60_000) + 1_000;
    timer = setTimeout(() => {
      scheduleDueJobs()
        .then(({ enqueued }) => {
          if (enqueued.length > 0) log(`[jobs] scheduled ${enqueued.length} run(s)`);
        })
        .catch((error: unknown) => log(`[jobs] scheduler tick failed: ${describeError(error)}`))
        .finally(next);
    }, delay);
    timer.unref();
  };

  return {
    start() {
      if (started || stopped) return;
      started = true;
      // A tick right away catches up on anything missed while the server was down.
      scheduleDueJobs()
        .catch((error: unknown) => log(`[jobs] scheduler tick failed: ${describeError(error)}`))
        .finally(next);
    },
    stop() {
      stopped = true;
      if (timer !== null) clearTimeout(timer);
    },
  };
}
