import { task } from "@trigger.dev/sdk";
import { syncTenantSchemasJob, type SyncTenantSchemasPayload } from "../src/server/jobs/tenancy/sync-tenant-schemas";
import { runOnTriggerDev } from "../src/server/jobs/trigger-run";

/** Schema sync over the tenant schemas (or the listed teams): the same body the embedded runner runs. */
export const syncTenantSchemasTask = task({
  id: "sync-tenant-schemas",
  maxDuration: 3_600,
  retry: { maxAttempts: syncTenantSchemasJob.maxAttempts ?? 2, minTimeoutInMs: 30_000, maxTimeoutInMs: 10 * 60_000, factor: 2, randomize: true },
  run: (payload: SyncTenantSchemasPayload, { ctx, signal }) => runOnTriggerDev(syncTenantSchemasJob, payload, { ctx, signal }),
});
