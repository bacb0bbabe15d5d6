import { toRegisteredJob, type RegisteredJob } from "../registered-job";
import { dunningStepJob } from "./dunning-step";
import { processBillingEventJob } from "./process-billing-event";

/** Jobs of the webhook ledger and dunning (processing billing events, dunning steps). */
export const BILLING_EVENT_JOBS: RegisteredJob[] = [toRegisteredJob(processBillingEventJob), toRegisteredJob(dunningStepJob)];
