import { task } from "@trigger.dev/sdk";
import { processBillingEventJob, type ProcessBillingEventPayload } from "../src/server/jobs/billing/process-billing-event";
import { runOnTriggerDev } from "../src/server/jobs/trigger-run";

/** Processes one stored billing event (webhook ledger): the same body the embedded runner runs. */
export const processBillingEventTask = task({
  id: "process-billing-event",
  maxDuration: 120,
  retry: { maxAttempts: processBillingEventJob.maxAttempts ?? 8, minTimeoutInMs: 2_000, maxTimeoutInMs: 15 * 60_000, factor: 2, randomize: true },
  run: (payload: ProcessBillingEventPayload, { ctx, signal }) => runOnTriggerDev(processBillingEventJob, payload, { ctx, signal }),
});
