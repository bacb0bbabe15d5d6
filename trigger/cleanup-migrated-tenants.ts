import { schedules } from "@trigger.dev/sdk";
import { cleanupMigratedTenantsJob } from "../src/server/jobs/tenancy/cleanup-migrated-tenants";
import { runOnTriggerDev } from "../src/server/jobs/trigger-run";

/** Hourly: removes the source copy of tier moves past their grace period (the body lives in src/server/jobs). */
export const cleanupMigratedTenantsTask = schedules.task({
  id: "cleanup-migrated-tenants",
  cron: "23 * * * *",
  maxDuration: 30 * 60,
  run: async (_payload, { ctx, signal }) => runOnTriggerDev(cleanupMigratedTenantsJob, {}, { ctx, signal }),
});
