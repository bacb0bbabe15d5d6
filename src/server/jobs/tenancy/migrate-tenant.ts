import { z } from "zod";
import { MigrationVerifyError, migrationFailureReason, rollbackTenantMigration, runTenantMigration } from "../../services/tenancy/migration-engine";
import { MIGRATE_TENANT_JOB } from "../../services/tenancy/migration";
import { defineJob, PermanentJobError } from "../types";

export const ZMigrateTenantPayload = z.object({ migrationId: z.string().min(1).max(64) });
export type MigrateTenantPayload = z.infer<typeof ZMigrateTenantPayload>;

/**
 * One team's move between tiers (services/tenancy/migration-engine.ts). A failed
 * attempt (a lost connection, a killed process) is retried and resumes at the
 * recorded step; a verification mismatch is final. When the run fails for good,
 * the move is rolled back so the team is never left locked.
 */
export const migrateTenantJob = defineJob<MigrateTenantPayload>({
  name: MIGRATE_TENANT_JOB,
  payload: ZMigrateTenantPayload,
  maxAttempts: 5,
  timeoutMs: 2 * 60 * 60_000,
  run: async ({ migrationId }, context) => {
    try {
      const view = await runTenantMigration(migrationId, {
        signal: context.signal,
        onProgress: (progress) => context.progress({ ...progress }),
      });
      return { status: view.status, step: view.step };
    } catch (error) {
      if (error instanceof MigrationVerifyError) throw new PermanentJobError(error.message, { cause: error });
      throw error;
    }
  },
  onFinalFailure: async ({ migrationId }, error) => {
    await rollbackTenantMigration(migrationId, migrationFailureReason(error));
  },
});
