import { toRegisteredJob, type RegisteredJob } from "../registered-job";
import { syncTenantSchemasJob } from "./sync-tenant-schemas";

/** Jobs of schema sync (pending tenant-table changes applied to every tenant schema and database). */
export const SYNC_JOBS: RegisteredJob[] = [toRegisteredJob(syncTenantSchemasJob)];
