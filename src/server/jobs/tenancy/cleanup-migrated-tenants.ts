import { z } from "zod";
import { cleanupMigratedTenants } from "../../services/tenancy/migration-cleanup";
import type { enqueueJob } from "../queue";
import { defineJob } from "../types";

/**
 * Hourly: removes the source copy of tier moves whose grace period is over
 * (services/tenancy/migration-cleanup.ts). Idempotent and safe to run late.
 */
export const cleanupMigratedTenantsJob = defineJob({
  name: "cleanup-migrated-tenants",
  payload: z.object({}),
  maxAttempts: 3,
  timeoutMs: 30 * 60_000,
  run: async () => cleanupMigratedTenants(),
});

/** One run per UTC hour: `cleanup-migrated-tenants:<YYYY-MM-DDTHH>`. */
export function cleanupMigratedTenantsKey(now: Date): string {
  return `${cleanupMigratedTenantsJob.name}:${now.toISOString().slice(0, 13)}`;
}

export async function scheduleMigrationCleanup(now: Date, enqueue: typeof enqueueJob): Promise<string[]> {
  const key = cleanupMigratedTenantsKey(now);
  const { created } = await enqueue({ job: cleanupMigratedTenantsJob.name, payload: {}, key });
  return created ? [key] : [];
}
