import type { RegisteredJob } from "../registered-job";

/** Jobs of the webhook ledger and dunning (processing billing events, dunning steps). */
export const BILLING_EVENT_JOBS: RegisteredJob[] = [];
