import { toRegisteredJob, type RegisteredJob } from "../registered-job";
import { closeBillingPeriodJob } from "./close-billing-period";
import { reportUsageMetersJob } from "./report-usage-meters";

/** Jobs of usage billing (meter reports to the billing provider, local period close). */
export const METERING_JOBS: RegisteredJob[] = [toRegisteredJob(reportUsageMetersJob), toRegisteredJob(closeBillingPeriodJob)];
