import { documentKindOf } from "@/lib/documents";
import { getBaseDb } from "../../db/client";
import { getTenantDb } from "../../db/get-tenant-db";
import { Prisma } from "../../db/generated/client";
import type { TenantClient } from "../../db/tenant-client";
import { DomainError } from "../../errors";
import { JobAbortedError, PermanentJobError, WorkerLostError, type JobContext } from "../../jobs/types";
import { getAiGateway } from "../ai/gateway";
import { EMBEDDING_DIMENSIONS } from "../ai/types";
import { getStorage, type FileStorage } from "../storage";
import { chunkText, type ChunkDraft } from "./chunk";
import { UnreadableDocumentError } from "./errors";
import { extractDocumentText } from "./extract";
import { INGEST_DOCUMENT_JOB, ingestJobKey } from "./ingest-key";
import { getVectorStore } from "../rag/vector-store";

/**
 * The ingestion job's body: stored file → text → chunks → embeddings → rows.
 *
 * Idempotent and resumable: every run starts from the stored file and replaces
 * the document's chunks in one transaction, so a retry after a crash at any
 * point (or a second run) ends with the same chunks, never duplicates. The
 * document is READY only once its chunks and vectors are written.
 *
 * Failures: a file that cannot be read (damaged, empty, no text) or an exhausted
 * AI allowance fails at once with the reason shown to the user (no retry); an
 * unavailable AI service or any other error is retried by the runner, and the
 * last attempt records the reason. What the body cannot record itself (its last
 * attempt timed out, or its worker died with no attempts left) the job's
 * onFinalFailure hook records (markIngestAbandoned), so a document never stays
 * "processing".
 *
 * Overlapping runs (a retry while an old attempt still runs): each run claims the
 * document by stamping its own `updatedAt`, and every later write of the run
 * (chunks, READY, FAILED) is conditional on that stamp, so only the latest
 * claimant writes; an older run finds the stamp changed and stops ("superseded").
 * The chunk replacement first updates the document row, so two runs' transactions
 * take its row lock in turn instead of interleaving.
 */
export const INGEST_MAX_ATTEMPTS = 5;
const EMBED_BATCH = 64;
const INSERT_BATCH = 200;

export type IngestPayload = { teamId: string; documentId: string };
export type IngestResult =
  | { outcome: "ready"; chunkCount: number; pageCount: number | null }
  | { outcome: "deleted" }
  /** A newer run (or a user's retry) took the document over: this run's work is dropped. */
  | { outcome: "superseded" };

export const INGEST_FAILURE = {
  missingFile: "The stored file is missing. Delete this document and upload it again.",
  noText: "This document contains no text.",
  quota: "The team's AI allowance is used up, so this document could not be indexed. Retry it when the allowance renews.",
  aiUnavailable: "The AI service was not available, so this document could not be indexed. Retry it later.",
  badVectors: "The embedding model returned vectors of an unexpected size, so this document could not be indexed.",
  unknown: "Something went wrong while processing this document. Retry it, or upload it again.",
  timedOut: "Processing this document took too long and was stopped. Retry it, or split it into smaller files.",
  workerLost: "The server stopped while this document was being processed. Retry it.",
} as const;

/** The document was deleted while it was being processed (its rows are gone). */
class DocumentGoneError extends Error {}

/** Another run claimed the document after this one (its stamp changed): this run must not write. */
class SupersededError extends Error {}

const documentSelect = { id: true, name: true, storageKey: true, uploadedById: true, updatedAt: true } as const;

/** The run's claim on the document: the `updatedAt` it stamped; its writes only apply while the row still carries it. */
type Claim = { documentId: string; stamp: Date };

export async function ingestDocument(
  payload: IngestPayload,
  context: JobContext,
  options: { storage?: FileStorage; maxAttempts?: number } = {},
): Promise<IngestResult> {
  const db = await getTenantDb(payload.teamId, { actorId: null, requestId: context.runId });
  const storage = options.storage ?? getStorage();
  const maxAttempts = options.maxAttempts ?? INGEST_MAX_ATTEMPTS;

  const document = await db.document.findFirst({ where: { id: payload.documentId }, select: documentSelect });
  if (!document) return { outcome: "deleted" };
  const claim = await claimDocument(db, document);
  if (claim === "gone") return { outcome: "deleted" };
  if (claim === "superseded") return { outcome: "superseded" };

  try {
    const result = await runIngestion(db, storage, payload.teamId, document, claim, context);
    return { outcome: "ready", ...result };
  } catch (error) {
    if (error instanceof DocumentGoneError || isGone(error)) return { outcome: "deleted" };
    if (error instanceof SupersededError) return { outcome: "superseded" };
    const permanent = permanentReason(error);
    if (permanent) {
      if (!(await markFailed(db, claim, permanent))) return { outcome: "superseded" };
      throw new PermanentJobError(permanent, { cause: error });
    }
    if (context.attempt >= maxAttempts) {
      const reason = error instanceof DomainError && error.code === "AI_UNAVAILABLE" ? INGEST_FAILURE.aiUnavailable : INGEST_FAILURE.unknown;
      if (!(await markFailed(db, claim, reason))) return { outcome: "superseded" };
    }
    throw error;
  }
}

/**
 * Marks the document PROCESSING with a stamp of this run's own, if nobody changed
 * it since it was read. The stamp is later than the row's current one even within
 * the same millisecond, so a newer claim always differs from an older one.
 */
async function claimDocument(db: TenantClient, document: { id: string; updatedAt: Date }): Promise<Claim | "gone" | "superseded"> {
  const stamp = new Date(Math.max(Date.now(), document.updatedAt.getTime() + 1));
  const { count } = await db.document.updateMany({
    where: { id: document.id, updatedAt: document.updatedAt },
    data: { status: "PROCESSING", error: null, updatedAt: stamp },
  });
  if (count > 0) return { documentId: document.id, stamp };
  const exists = await db.document.findFirst({ where: { id: document.id }, select: { id: true } });
  return exists ? "superseded" : "gone";
}

async function runIngestion(
  db: TenantClient,
  storage: FileStorage,
  teamId: string,
  document: { id: string; name: string; storageKey: string; uploadedById: string | null },
  claim: Claim,
  context: JobContext,
): Promise<{ chunkCount: number; pageCount: number | null }> {
  const stored = await storage.get(document.storageKey);
  if (!stored) throw new UnreadableDocumentError(INGEST_FAILURE.missingFile);
  // The upload route only accepts these extensions; the name is the upload's.
  const kind = documentKindOf(document.name);
  if (!kind) throw new UnreadableDocumentError("Only PDF, Word (.docx), text (.txt) and Markdown (.md) files can be uploaded.");

  await context.progress({ stage: "extracting" });
  const extracted = await extractDocumentText(kind, await stored.bytes());
  const chunks = await chunkText(extracted);
  if (chunks.length === 0) throw new UnreadableDocumentError(INGEST_FAILURE.noText);

  const gateway = getAiGateway();
  const embeddingModel = gateway.embeddingModel();
  const vectors: number[][] = [];
  await context.progress({ stage: "embedding", done: 0, total: chunks.length });
  for (let start = 0; start < chunks.length; start += EMBED_BATCH) {
    context.signal.throwIfAborted();
    const batch = chunks.slice(start, start + EMBED_BATCH);
    const embedded = await gateway.embedDocuments(
      { teamId, userId: document.uploadedById },
      batch.map((chunk) => chunk.content),
    );
    if (embedded.length !== batch.length || embedded.some((vector) => vector.length !== EMBEDDING_DIMENSIONS)) {
      throw new UnreadableDocumentError(INGEST_FAILURE.badVectors);
    }
    vectors.push(...embedded);
    await context.progress({ stage: "embedding", done: vectors.length, total: chunks.length });
  }

  context.signal.throwIfAborted();
  await context.progress({ stage: "saving", done: chunks.length, total: chunks.length });
  const chunkIds = await replaceChunks(db, claim, chunks, vectors, embeddingModel, extracted.pageCount);
  // After the commit: the vector store (pgvector) fills its indexed column on a connection of its own.
  await getVectorStore().indexChunks(teamId, chunkIds);
  await writeClaimed(db, claim, { status: "READY", error: null });
  return { chunkCount: chunks.length, pageCount: extracted.pageCount };
}

/**
 * The document's chunks become exactly `chunks`, in one transaction: a retry never
 * leaves old and new side by side. The document row is written first (under the
 * claim), which locks it: an overlapping run's replacement waits for this one to
 * commit, then finds the stamp is not its own and rolls back.
 */
async function replaceChunks(
  db: TenantClient,
  claim: Claim,
  chunks: ChunkDraft[],
  vectors: number[][],
  embeddingModel: string,
  pageCount: number | null,
): Promise<string[]> {
  const documentId = claim.documentId;
  return db.$transaction(
    async (tx) => {
      await writeClaimed(tx, claim, { chunkCount: chunks.length, pageCount });
      await tx.documentChunk.deleteMany({ where: { documentId } });
      const ids: string[] = [];
      for (let start = 0; start < chunks.length; start += INSERT_BATCH) {
        const rows = await tx.documentChunk.createManyAndReturn({
          data: chunks.slice(start, start + INSERT_BATCH).map((chunk, i) => ({
            documentId,
            index: chunk.index,
            content: chunk.content,
            page: chunk.page,
            section: chunk.section,
            tokenCount: chunk.tokenCount,
            embedding: vectors[start + i] ?? [],
            embeddingModel,
          })),
          select: { id: true },
        });
        ids.push(...rows.map((row) => row.id));
      }
      return ids;
    },
    // Thousands of rows with 768 floats each take longer than Prisma's 5 s default.
    { timeout: 120_000, maxWait: 30_000 },
  );
}

type DocumentWriter = Pick<TenantClient, "document">;

/** Writes the document only while it carries this run's stamp (which it keeps). */
async function writeClaimed(
  db: DocumentWriter,
  claim: Claim,
  data: { status?: "READY"; error?: null; chunkCount?: number; pageCount?: number | null },
): Promise<void> {
  const updated = await db.document.updateMany({ where: { id: claim.documentId, updatedAt: claim.stamp }, data: { ...data, updatedAt: claim.stamp } });
  if (updated.count > 0) return;
  const exists = await db.document.findFirst({ where: { id: claim.documentId }, select: { id: true } });
  throw exists ? new SupersededError() : new DocumentGoneError();
}

/** Records why processing stopped; false when the document is no longer this run's (deleted or taken over). */
async function markFailed(db: TenantClient, claim: Claim, reason: string): Promise<boolean> {
  const { count } = await db.document.updateMany({
    where: { id: claim.documentId, updatedAt: claim.stamp },
    data: { status: "FAILED", error: reason, updatedAt: claim.stamp },
  });
  return count > 0;
}

/**
 * The ingestion job's onFinalFailure hook: the run failed for good without the
 * body recording why (its last attempt timed out, or its worker died with no
 * attempts left). The document is marked FAILED unless it is already settled or
 * another ingestion run for it is queued or running (a retry the user asked for).
 */
export async function markIngestAbandoned(payload: IngestPayload, error: unknown, runId: string): Promise<void> {
  const key = ingestJobKey(payload.documentId);
  const otherRuns = await getBaseDb().jobRun.count({
    where: {
      id: { not: runId },
      job: INGEST_DOCUMENT_JOB,
      status: { in: ["QUEUED", "RUNNING"] },
      OR: [{ key }, { key: { startsWith: `${key}:` } }],
    },
  });
  if (otherRuns > 0) return;
  const db = await getTenantDb(payload.teamId, { actorId: null, requestId: runId });
  await db.document.updateMany({
    where: { id: payload.documentId, status: { in: ["QUEUED", "PROCESSING"] } },
    data: { status: "FAILED", error: abandonedReason(error) },
  });
}

function abandonedReason(error: unknown): string {
  if (error instanceof JobAbortedError && error.reason === "timeout") return INGEST_FAILURE.timedOut;
  if (error instanceof WorkerLostError) return INGEST_FAILURE.workerLost;
  if (error instanceof DomainError && error.code === "AI_UNAVAILABLE") return INGEST_FAILURE.aiUnavailable;
  return permanentReason(error) ?? INGEST_FAILURE.unknown;
}

function permanentReason(error: unknown): string | null {
  if (error instanceof UnreadableDocumentError) return error.template.template;
  if (error instanceof DomainError && error.code === "QUOTA_EXCEEDED") return INGEST_FAILURE.quota;
  return null;
}

/** A foreign-key or not-found error from the document's rows disappearing mid-run. */
function isGone(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && (error.code === "P2003" || error.code === "P2025");
}
