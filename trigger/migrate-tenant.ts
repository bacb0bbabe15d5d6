import { task } from "@trigger.dev/sdk";
import { migrateTenantJob, type MigrateTenantPayload } from "../src/server/jobs/tenancy/migrate-tenant";
import { runOnTriggerDev } from "../src/server/jobs/trigger-run";

/** Moves one team's data between tiers: the same resumable body the embedded runner runs. */
export const migrateTenantTask = task({
  id: "migrate-tenant",
  maxDuration: 2 * 60 * 60,
  retry: { maxAttempts: migrateTenantJob.maxAttempts ?? 5, minTimeoutInMs: 5_000, maxTimeoutInMs: 10 * 60_000, factor: 2, randomize: true },
  run: (payload: MigrateTenantPayload, { ctx, signal }) => runOnTriggerDev(migrateTenantJob, payload, { ctx, signal }),
});
