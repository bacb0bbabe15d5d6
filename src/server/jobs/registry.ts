import { z } from "zod";
import { BILLING_EVENT_JOBS } from "./billing/event-jobs";
import { METERING_JOBS } from "./billing/metering-jobs";
import { MIGRATION_JOBS } from "./tenancy/migration-jobs";
import { SYNC_JOBS } from "./tenancy/sync-jobs";
import { ceoDigestJob } from "./ceo-digest";
import { cleanupExpiredTokens } from "./cleanup-expired-tokens";
import { ingestDocumentJob } from "./ingest-document";
import { markOverdueInvoicesJob } from "./mark-overdue-invoices";
import { pruneJobRuns } from "./queue";
import { toRegisteredJob, type RegisteredJob } from "./registered-job";
import { defineJob } from "./types";

/**
 * Every job the embedded runner (and enqueueJob) knows, by name. The name is also
 * the Trigger.dev task id of the wrapper in trigger/. To add a job: write its body
 * with defineJob in src/server/jobs/<job>.ts, add it below, and add a thin task
 * in trigger/<job>.ts.
 */
/** Daily housekeeping: expired tokens and sessions, and old job-run history. */
export const cleanupExpiredTokensJob = defineJob({
  name: "cleanup-expired-tokens",
  payload: z.object({}),
  maxAttempts: 3,
  timeoutMs: 60_000,
  run: async () => ({ ...(await cleanupExpiredTokens()), jobRuns: await pruneJobRuns() }),
});

const registry = new Map<string, RegisteredJob>(
  [
    toRegisteredJob(cleanupExpiredTokensJob),
    toRegisteredJob(ceoDigestJob),
    toRegisteredJob(ingestDocumentJob),
    toRegisteredJob(markOverdueInvoicesJob),
    ...BILLING_EVENT_JOBS,
    ...METERING_JOBS,
    ...SYNC_JOBS,
    ...MIGRATION_JOBS,
  ].map((job) => [job.name, job]),
);

export function getJobDefinition(name: string): RegisteredJob | undefined {
  return registry.get(name);
}

export function registeredJobs(): RegisteredJob[] {
  return [...registry.values()];
}

export type { RegisteredJob };
