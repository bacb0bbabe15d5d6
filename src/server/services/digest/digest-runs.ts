import { getBaseDb } from "../../db/client";
import { NotFoundError } from "../../errors";
import { localTime, safeTimeZone } from "../../jobs/local-time";
import { enqueueJob, requeueFailedJob } from "../../jobs/queue";
import { ceoDigestKey, DIGEST_HOUR } from "../../jobs/runner/scheduler";

/**
 * The control-plane side of the CEO digest for the dashboard: the team's time
 * zone (Team) and the state of a day's digest run (JobRun). The digests
 * themselves are tenant data, read through the tenant client by the router.
 */
export type DigestSchedule = {
  timezone: string;
  hour: number;
  /** The team's local date now. */
  today: string;
  /** True before today's digest hour: the next digest is today's, else tomorrow's. */
  nextIsToday: boolean;
};

export async function digestSchedule(teamId: string, now: Date = new Date()): Promise<DigestSchedule> {
  const team = await getBaseDb().team.findUnique({ where: { id: teamId }, select: { timezone: true } });
  if (!team) throw new NotFoundError("Team");
  const timezone = safeTimeZone(team.timezone);
  const local = localTime(now, timezone);
  return { timezone, hour: DIGEST_HOUR, today: local.date, nextIsToday: local.hour < DIGEST_HOUR };
}

export type DigestRunState = { id: string; status: "QUEUED" | "RUNNING" | "SUCCEEDED" | "FAILED" | "CANCELLED"; lastError: string | null };

export async function digestRun(teamId: string, date: string): Promise<DigestRunState | null> {
  return getBaseDb().jobRun.findUnique({ where: { key: ceoDigestKey(teamId, date) }, select: { id: true, status: true, lastError: true } });
}

/**
 * "Generate now": enqueues today's digest (the same run the 05:00 schedule would
 * make — same key, so the two never both run), or retries it if it failed.
 */
export async function requestDigest(teamId: string, now: Date = new Date()): Promise<{ date: string; run: DigestRunState | null }> {
  const { today } = await digestSchedule(teamId, now);
  const key = ceoDigestKey(teamId, today);
  const { created } = await enqueueJob({ job: "ceo-digest", payload: { teamId, date: today }, key, teamId });
  if (!created) await requeueFailedJob(key);
  return { date: today, run: await digestRun(teamId, today) };
}
