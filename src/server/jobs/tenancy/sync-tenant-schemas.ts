import { z } from "zod";
import { syncTenantSchemas } from "../../services/tenancy/sync";
import { DEFAULT_SYNC_CONCURRENCY } from "../../services/tenancy/sync-cli";
import { defineJob } from "../types";

/**
 * Schema sync as a job (after a deploy, or "retry sync" for one tenant in the
 * superadmin view): the same run as `npm run db:sync-tenants`. A failing tenant
 * is recorded in the run's report and does not fail the job — retrying would
 * not fix it; the job fails only when the sync cannot run at all. Safe to run
 * twice: a current schema gets no DDL.
 */
export const syncTenantSchemasPayload = z.object({
  teamIds: z.array(z.string().min(1).max(100)).min(1).max(10_000).optional(),
  concurrency: z.number().int().min(1).max(32).optional(),
});

export type SyncTenantSchemasPayload = z.infer<typeof syncTenantSchemasPayload>;

export const syncTenantSchemasJob = defineJob({
  name: "sync-tenant-schemas",
  payload: syncTenantSchemasPayload,
  maxAttempts: 2,
  timeoutMs: 60 * 60_000,
  run: async (payload, context) => {
    const report = await syncTenantSchemas({ concurrency: payload.concurrency ?? DEFAULT_SYNC_CONCURRENCY, teamIds: payload.teamIds });
    const count = (outcome: string) => report.results.filter((result) => result.outcome === outcome).length;
    const summary = { runId: report.runId, applied: count("applied"), current: count("current"), failed: count("failed") };
    await context.progress(summary);
    return summary;
  },
});
