import { task } from "@trigger.dev/sdk";
import { ingestDocumentJob, type IngestDocumentPayload } from "../src/server/jobs/ingest-document";
import { runOnTriggerDev } from "../src/server/jobs/trigger-run";

/** Chunks and embeds an uploaded document: the same body the embedded runner runs. */
export const ingestDocumentTask = task({
  id: "ingest-document",
  maxDuration: 15 * 60,
  retry: { maxAttempts: ingestDocumentJob.maxAttempts ?? 5, minTimeoutInMs: 5_000, maxTimeoutInMs: 15 * 60_000, factor: 2, randomize: true },
  run: (payload: IngestDocumentPayload, { ctx, signal }) => runOnTriggerDev(ingestDocumentJob, payload, { ctx, signal }),
  // Also when Trigger.dev itself ends the run (maxDuration), where the body never
  // gets to call the hook: the document must not stay PROCESSING. Idempotent.
  onFailure: async ({ payload, error, ctx }) => {
    await ingestDocumentJob.onFinalFailure?.(payload, error, { runId: ctx.run.id });
  },
});
