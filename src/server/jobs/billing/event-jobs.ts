import { toRegisteredJob, type RegisteredJob } from "../registered-job";
import { dunningStepJob } from "./dunning-step";
import { processBillingEventJob } from "./process-billing-event";
import { sweepBillingEventsJob } from "./sweep-billing-events";

/** Jobs of the webhook ledger and dunning (processing billing events, sweeping stuck ones, dunning steps). */
export const BILLING_EVENT_JOBS: RegisteredJob[] = [toRegisteredJob(processBillingEventJob), toRegisteredJob(sweepBillingEventsJob), toRegisteredJob(dunningStepJob)];
