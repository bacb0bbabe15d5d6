import type { RegisteredJob } from "../registered-job";

/** Jobs of schema sync (pending tenant-table changes applied to every tenant schema and database). */
export const SYNC_JOBS: RegisteredJob[] = [];
