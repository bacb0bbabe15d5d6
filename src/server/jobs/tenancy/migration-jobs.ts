import type { RegisteredJob } from "../registered-job";

/** Jobs of the tier migration engine (moving a team's data between tiers and regions). */
export const MIGRATION_JOBS: RegisteredJob[] = [];
