import { schedules } from "@trigger.dev/sdk";
import { cleanupExpiredTokensJob } from "../src/server/jobs/registry";
import { runOnTriggerDev } from "../src/server/jobs/trigger-run";

/** Nightly: the job body lives in src/server/jobs (tokens, sessions, old job runs); this file only schedules it. */
export const cleanupExpiredTokensTask = schedules.task({
  id: "cleanup-expired-tokens",
  cron: "17 3 * * *",
  run: async (_payload, { ctx, signal }) => runOnTriggerDev(cleanupExpiredTokensJob, {}, { ctx, signal }),
});
