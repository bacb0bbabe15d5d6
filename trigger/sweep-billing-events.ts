import { schedules } from "@trigger.dev/sdk";
import { enqueueOnTriggerDev } from "../src/server/jobs/queue";
import { sweepBillingEvents } from "../src/server/services/billing/events/sweep";

/**
 * Every five minutes: billing events whose processing failed for good (or was
 * never handed over) get another process-billing-event run, each under its own
 * key, for up to 48 hours — the rule the embedded scheduler's
 * sweep-billing-events job applies (src/server/services/billing/events/sweep.ts).
 */
export const sweepBillingEventsTask = schedules.task({
  id: "sweep-billing-events",
  cron: "*/5 * * * *",
  maxDuration: 120,
  run: async (payload) => sweepBillingEvents({ now: payload.timestamp, enqueue: enqueueOnTriggerDev }),
});
