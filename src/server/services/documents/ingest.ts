import { documentKindOf } from "@/lib/documents";
import { getTenantDb } from "../../db/get-tenant-db";
import { Prisma } from "../../db/generated/client";
import type { TenantClient } from "../../db/tenant-client";
import { DomainError } from "../../errors";
import { PermanentJobError, type JobContext } from "../../jobs/types";
import { getAiGateway } from "../ai/gateway";
import { EMBEDDING_DIMENSIONS } from "../ai/types";
import { getStorage, type FileStorage } from "../storage";
import { chunkText, type ChunkDraft } from "./chunk";
import { UnreadableDocumentError } from "./errors";
import { extractDocumentText } from "./extract";
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
 * last attempt records the reason, so a document never stays "processing".
 */
export const INGEST_MAX_ATTEMPTS = 5;
const EMBED_BATCH = 64;
const INSERT_BATCH = 200;

export type IngestPayload = { teamId: string; documentId: string };
export type IngestResult = { outcome: "ready"; chunkCount: number; pageCount: number | null } | { outcome: "deleted" };

export const INGEST_FAILURE = {
  missingFile: "The stored file is missing. Delete this document and upload it again.",
  noText: "This document contains no text.",
  quota: "The team's AI allowance is used up, so this document could not be indexed. Retry it when the allowance renews.",
  aiUnavailable: "The AI service was not available, so this document could not be indexed. Retry it later.",
  badVectors: "The embedding model returned vectors of an unexpected size, so this document could not be indexed.",
  unknown: "Something went wrong while processing this document. Retry it, or upload it again.",
} as const;

/** The document was deleted while it was being processed (its rows are gone). */
class DocumentGoneError extends Error {}

const documentSelect = { id: true, name: true, storageKey: true, uploadedById: true } as const;

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

  try {
    await setStatus(db, document.id, { status: "PROCESSING", error: null });
    const result = await runIngestion(db, storage, payload.teamId, document, context);
    return { outcome: "ready", ...result };
  } catch (error) {
    if (error instanceof DocumentGoneError || isGone(error)) return { outcome: "deleted" };
    const permanent = permanentReason(error);
    if (permanent) {
      await markFailed(db, document.id, permanent);
      throw new PermanentJobError(permanent, { cause: error });
    }
    if (context.attempt >= maxAttempts) {
      const reason = error instanceof DomainError && error.code === "AI_UNAVAILABLE" ? INGEST_FAILURE.aiUnavailable : INGEST_FAILURE.unknown;
      await markFailed(db, document.id, reason);
    }
    throw error;
  }
}

async function runIngestion(
  db: TenantClient,
  storage: FileStorage,
  teamId: string,
  document: { id: string; name: string; storageKey: string; uploadedById: string | null },
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
  const chunkIds = await replaceChunks(db, document.id, chunks, vectors, embeddingModel, extracted.pageCount);
  // After the commit: the vector store (pgvector) fills its indexed column on a connection of its own.
  await getVectorStore().indexChunks(teamId, chunkIds);
  await setStatus(db, document.id, { status: "READY", error: null });
  return { chunkCount: chunks.length, pageCount: extracted.pageCount };
}

/** The document's chunks become exactly `chunks`, in one transaction: a retry never leaves old and new side by side. */
async function replaceChunks(
  db: TenantClient,
  documentId: string,
  chunks: ChunkDraft[],
  vectors: number[][],
  embeddingModel: string,
  pageCount: number | null,
): Promise<string[]> {
  return db.$transaction(
    async (tx) => {
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
      const updated = await tx.document.updateMany({
        where: { id: documentId },
        data: { chunkCount: chunks.length, pageCount },
      });
      if (updated.count === 0) throw new DocumentGoneError();
      return ids;
    },
    // Thousands of rows with 768 floats each take longer than Prisma's 5 s default.
    { timeout: 120_000, maxWait: 30_000 },
  );
}

async function setStatus(
  db: TenantClient,
  documentId: string,
  data: { status: "PROCESSING" | "READY"; error: null },
): Promise<void> {
  const updated = await db.document.updateMany({ where: { id: documentId }, data });
  if (updated.count === 0) throw new DocumentGoneError();
}

/** Records why processing stopped; a document deleted meanwhile has nothing to record. */
async function markFailed(db: TenantClient, documentId: string, reason: string): Promise<void> {
  await db.document.updateMany({ where: { id: documentId }, data: { status: "FAILED", error: reason } });
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
