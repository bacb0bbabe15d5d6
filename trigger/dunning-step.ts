import { task } from "@trigger.dev/sdk";
import { dunningStepJob } from "../src/server/jobs/billing/dunning-step";
import { runOnTriggerDev } from "../src/server/jobs/trigger-run";
import type { DunningStepPayload } from "../src/server/services/billing/dunning";

/** One dunning step (warning, lock notice, recovery notice): the same body the embedded runner runs. */
export const dunningStepTask = task({
  id: "dunning-step",
  maxDuration: 120,
  retry: { maxAttempts: dunningStepJob.maxAttempts ?? 5, minTimeoutInMs: 5_000, maxTimeoutInMs: 15 * 60_000, factor: 2, randomize: true },
  run: (payload: DunningStepPayload, { ctx, signal }) => runOnTriggerDev(dunningStepJob, payload, { ctx, signal }),
});
