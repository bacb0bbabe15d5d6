import { schedules } from "@trigger.dev/sdk";
import { reportUsageMetersJob } from "../src/server/jobs/billing/report-usage-meters";
import { runOnTriggerDev } from "../src/server/jobs/trigger-run";

/**
 * Every five minutes: AI usage into meter reports and pending reports to Stripe
 * Billing Meters. The body lives in src/server/jobs/billing (the embedded
 * scheduler runs the same one); a failed send is retried by the next run with
 * the same identifier, so Trigger.dev's own retries are few.
 */
export const reportUsageMetersTask = schedules.task({
  id: "report-usage-meters",
  cron: "*/5 * * * *",
  maxDuration: 240,
  retry: { maxAttempts: reportUsageMetersJob.maxAttempts ?? 3, minTimeoutInMs: 10_000, maxTimeoutInMs: 60_000, factor: 2, randomize: true },
  run: async (_payload, { ctx, signal }) => runOnTriggerDev(reportUsageMetersJob, {}, { ctx, signal }),
});
