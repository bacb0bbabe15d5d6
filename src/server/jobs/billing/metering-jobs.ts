import type { RegisteredJob } from "../registered-job";

/** Jobs of usage billing (meter reports to the billing provider, local period close). */
export const METERING_JOBS: RegisteredJob[] = [];
