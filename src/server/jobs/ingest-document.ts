import { z } from "zod";
import { INGEST_DOCUMENT_JOB } from "../services/documents/ingest-key";
import { INGEST_MAX_ATTEMPTS, ingestDocument, markIngestAbandoned } from "../services/documents/ingest";
import { defineJob } from "./types";

/** Turns an uploaded document into searchable chunks (see services/documents/ingest.ts). */
export const ingestDocumentJob = defineJob({
  name: INGEST_DOCUMENT_JOB,
  payload: z.object({ teamId: z.string().min(1).max(64), documentId: z.string().min(1).max(64) }),
  maxAttempts: INGEST_MAX_ATTEMPTS,
  // Large PDFs and a remote embedding model: well above the default 5 minutes.
  timeoutMs: 15 * 60_000,
  run: (payload, context) => ingestDocument(payload, context),
  // A timed-out last attempt or a crashed worker cannot record the failure itself: the document must not stay "processing".
  onFinalFailure: (payload, error, { runId }) => markIngestAbandoned(payload, error, runId),
});

export type IngestDocumentPayload = z.infer<typeof ingestDocumentJob.payload>;
