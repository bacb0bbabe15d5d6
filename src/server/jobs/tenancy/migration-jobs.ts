import { toRegisteredJob, type RegisteredJob } from "../registered-job";
import { cleanupMigratedTenantsJob } from "./cleanup-migrated-tenants";
import { migrateTenantJob } from "./migrate-tenant";

/** Jobs of the tier migration engine (moving a team's data between tiers and regions). */
export const MIGRATION_JOBS: RegisteredJob[] = [toRegisteredJob(migrateTenantJob), toRegisteredJob(cleanupMigratedTenantsJob)];
