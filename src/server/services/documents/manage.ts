import { randomBytes } from "node:crypto";
import { getBaseDb } from "../../db/client";
import { ConflictError, NotFoundError } from "../../errors";
import { enqueueJob } from "../../jobs/queue";
import { describeError } from "../../log";
import { getStorage, type FileStorage } from "../storage";
import type { TenantRequest } from "../tenant-request";
import { INGEST_FAILURE } from "./ingest";
import { documentIdOfIngestKey, INGEST_DOCUMENT_JOB, ingestJobKey } from "./ingest-key";

/**
 * A document that has shown no change for this long while QUEUED or PROCESSING is
 * taken as stuck (its run was lost, e.g. the runner timed out on its last try) and
 * may be retried like a failed one; ingestion is idempotent, so a run that turns
 * out to be alive only repeats work.
 */
export const STALE_AFTER_MS = 30 * 60_000;

/**
 * Deletes the document (its chunks go with it: cascade) and then its file. In
 * that order because a row must never point at a missing file, while a file
 * left behind by a failed storage call is unreachable and only logged.
 */
export async function deleteDocument(request: TenantRequest, id: string, storage: FileStorage = getStorage()): Promise<{ id: string }> {
  const document = await request.db.document.findFirst({ where: { id }, select: { id: true, storageKey: true } });
  if (!document) throw new NotFoundError("Document");
  const deleted = await request.db.document.deleteMany({ where: { id } });
  if (deleted.count === 0) throw new NotFoundError("Document");
  await storage.delete(document.storageKey).catch((error: unknown) => {
    console.error(`[documents] the file of deleted document ${id} could not be removed: ${describeError(error)}`);
  });
  return { id };
}

/** Queues a FAILED (or stuck) document for another ingestion run. */
export async function retryDocument(request: TenantRequest, id: string, now: Date = new Date()): Promise<{ id: string; status: "QUEUED" }> {
  const staleBefore = new Date(now.getTime() - STALE_AFTER_MS);
  // One conditional update: of two clicks, only one wins and enqueues.
  const claimed = await request.db.document.updateMany({
    where: {
      id,
      OR: [{ status: "FAILED" }, { status: { in: ["QUEUED", "PROCESSING"] }, updatedAt: { lt: staleBefore } }],
    },
    data: { status: "QUEUED", error: null },
  });
  if (claimed.count === 0) {
    const exists = await request.db.document.findFirst({ where: { id }, select: { id: true } });
    if (!exists) throw new NotFoundError("Document");
    throw new ConflictError("Only a failed document can be retried.");
  }
  try {
    await enqueueJob({
      job: INGEST_DOCUMENT_JOB,
      payload: { teamId: request.team.id, documentId: id },
      key: ingestJobKey(id, `${now.getTime().toString(36)}${randomBytes(3).toString("hex")}`),
      teamId: request.team.id,
    });
  } catch (error) {
    await request.db.document.updateMany({ where: { id }, data: { status: "FAILED", error: INGEST_FAILURE.unknown } });
    throw error;
  }
  return { id, status: "QUEUED" };
}

export type IngestionProgress = { done: number; total: number };

/**
 * How far the ingestion runs of these documents have got, from their job runs
 * (control plane: the run rows carry the progress the job reports).
 */
export async function ingestionProgress(teamId: string, documentIds: readonly string[]): Promise<Map<string, IngestionProgress>> {
  const progress = new Map<string, IngestionProgress>();
  if (documentIds.length === 0) return progress;
  const runs = await getBaseDb().jobRun.findMany({
    where: {
      teamId,
      job: INGEST_DOCUMENT_JOB,
      status: "RUNNING",
      OR: documentIds.flatMap((id) => [{ key: ingestJobKey(id) }, { key: { startsWith: `${ingestJobKey(id)}:` } }]),
    },
    select: { key: true, progress: true },
  });
  for (const run of runs) {
    const documentId = documentIdOfIngestKey(run.key);
    const value = run.progress as { done?: unknown; total?: unknown } | null;
    if (documentId && typeof value?.done === "number" && typeof value.total === "number" && value.total > 0) {
      progress.set(documentId, { done: Math.min(value.done, value.total), total: value.total });
    }
  }
  return progress;
}
