import { schedules } from "@trigger.dev/sdk";
import { cleanupExpiredTokens } from "../src/server/jobs/cleanup-expired-tokens";

/** Nightly: the job body lives in src/server/jobs; this file only schedules it. */
export const cleanupExpiredTokensTask = schedules.task({
  id: "cleanup-expired-tokens",
  cron: "17 3 * * *",
  run: async () => cleanupExpiredTokens(),
});
