import { schedules, task } from "@trigger.dev/sdk";
import { ceoDigestJob, type CeoDigestPayload } from "../src/server/jobs/ceo-digest";
import { enqueueOnTriggerDev } from "../src/server/jobs/queue";
import { scheduleTeamJobs } from "../src/server/jobs/runner/scheduler";
import { runOnTriggerDev } from "../src/server/jobs/trigger-run";

/** One team's digest for one local date: the same body the embedded runner runs. */
export const ceoDigestTask = task({
  id: "ceo-digest",
  maxDuration: 300,
  retry: { maxAttempts: ceoDigestJob.maxAttempts ?? 5, minTimeoutInMs: 5_000, maxTimeoutInMs: 15 * 60_000, factor: 2, randomize: true },
  run: (payload: CeoDigestPayload, { ctx, signal }) => runOnTriggerDev(ceoDigestJob, payload, { ctx, signal }),
});

/**
 * Hourly, in UTC: every team whose local clock has reached 05:00 (and has no digest
 * run for its local date yet) gets a ceo-digest run, keyed `ceo-digest:<team>:<date>`
 * so a repeated or late tick never doubles one. The same tick enqueues each team's
 * daily mark-overdue-invoices run (keyed by its local date) — the rule the embedded
 * scheduler applies every minute (src/server/jobs/runner/scheduler.ts).
 *
 * Why not Trigger.dev's per-schedule time zones: a declarative schedule has one
 * zone, and one imperative schedule per team would have to be kept in sync with
 * every team's timezone setting (and cleaned up when teams go). One hourly tick that
 * reads Team.timezone always agrees with the settings, also catches up after an
 * outage, and matches the embedded scheduler's rule (teams in half-hour zones get
 * theirs at the first tick after 05:00, e.g. 05:30 in India).
 */
export const ceoDigestScheduleTask = schedules.task({
  id: "ceo-digest-schedule",
  cron: "0 * * * *",
  run: async (payload) => ({ enqueued: await scheduleTeamJobs(payload.timestamp, enqueueOnTriggerDev) }),
});
