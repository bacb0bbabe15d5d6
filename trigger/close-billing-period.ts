import { schedules, task } from "@trigger.dev/sdk";
import { closeBillingPeriodJob, scheduleLocalPeriodCloses } from "../src/server/jobs/billing/close-billing-period";
import { enqueueOnTriggerDev } from "../src/server/jobs/queue";
import { runOnTriggerDev } from "../src/server/jobs/trigger-run";

/** One local team's finished billing period: invoice, then advance or end the subscription. */
export const closeBillingPeriodTask = task({
  id: "close-billing-period",
  maxDuration: 120,
  retry: { maxAttempts: closeBillingPeriodJob.maxAttempts ?? 5, minTimeoutInMs: 5_000, maxTimeoutInMs: 15 * 60_000, factor: 2, randomize: true },
  run: (payload: { teamId: string; periodStart: string }, { ctx, signal }) => runOnTriggerDev(closeBillingPeriodJob, payload, { ctx, signal }),
});

/**
 * Hourly: a close-billing-period run for every local subscription whose period
 * has ended, keyed `close-billing-period:<team>:<period start>` so a repeated or
 * late tick never closes a period twice (the rule the embedded scheduler applies).
 */
export const closeBillingPeriodScheduleTask = schedules.task({
  id: "close-billing-period-schedule",
  cron: "7 * * * *",
  run: async (payload) => ({ enqueued: await scheduleLocalPeriodCloses(payload.timestamp, enqueueOnTriggerDev) }),
});
