import { createHash, randomUUID } from "node:crypto";
import { formatBytes } from "@/lib/documents";
import { msg } from "@/lib/message";
import { DomainError, ValidationError } from "../../errors";
import { enqueueJob } from "../../jobs/queue";
import { describeError } from "../../log";
import { documentStorageKey, getStorage, type FileStorage } from "../storage";
import type { TenantRequest } from "../tenant-request";
import { documentLimits } from "./config";
import { checkFileHead, checkFileName, HEAD_BYTES } from "./file-check";
import { INGEST_DOCUMENT_JOB, ingestJobKey } from "./ingest-key";

export class FileTooLargeError extends DomainError {
  constructor(maxBytes: number) {
    super("PAYLOAD_TOO_LARGE", msg`The file is larger than the ${formatBytes(maxBytes)} limit.`, { field: "file" });
  }
}

export type UploadInput = {
  fileName: string | null;
  /** The request's Content-Length, when the client sent one. */
  declaredSize: number | null;
  body: ReadableStream<Uint8Array> | null;
};

export type UploadedDocument = { id: string; name: string; status: "QUEUED"; sizeBytes: number };

/**
 * Takes an upload from the request body to a queued document:
 * 1. the name and declared size are checked before any byte is read;
 * 2. the first bytes are checked against the extension (nothing stored yet);
 * 3. the rest streams to storage while being counted and hashed; past the limit
 *    the stream fails, so storage keeps nothing (the client sees 413);
 * 4. the Document row (QUEUED) is created and the ingestion job enqueued.
 * The row and the job run live in different clients (tenant data plane and
 * control plane), so they cannot share a transaction: if anything after the
 * file is stored fails, what was written is removed again.
 */
export async function receiveUpload(request: TenantRequest, input: UploadInput, storage: FileStorage = getStorage()): Promise<UploadedDocument> {
  const { maxBytes } = documentLimits();
  const { kind, displayName, mimeType } = checkFileName(input.fileName);
  if (input.declaredSize !== null && input.declaredSize > maxBytes) throw new FileTooLargeError(maxBytes);
  if (!input.body || input.declaredSize === 0) throw new ValidationError("The file is empty.", "file");

  const reader = input.body.getReader();
  try {
    const { head, done } = await readHead(reader, maxBytes);
    checkFileHead(kind, concat(head));

    const documentId = randomUUID();
    const storageKey = documentStorageKey(request.team.id, documentId, displayName);
    const hash = createHash("sha256");
    const source = countedStream(head, done ? null : reader, maxBytes, hash);
    const { size } = await storage.put(storageKey, source, { contentType: mimeType, fileName: displayName });

    try {
      const document = await request.db.document.create({
        data: {
          id: documentId,
          name: displayName,
          mimeType,
          sizeBytes: size,
          storageKey,
          sha256: hash.digest("hex"),
          status: "QUEUED",
          uploadedById: request.user.id,
        },
        select: { id: true, name: true, sizeBytes: true },
      });
      await enqueueJob({
        job: INGEST_DOCUMENT_JOB,
        payload: { teamId: request.team.id, documentId },
        key: ingestJobKey(documentId),
        teamId: request.team.id,
      });
      return { ...document, status: "QUEUED" };
    } catch (error) {
      // Undo in reverse order; a failure while undoing must not hide the first one.
      await request.db.document.deleteMany({ where: { id: documentId } }).catch((cleanup: unknown) => {
        console.error(`[documents] could not remove document ${documentId} after a failed upload: ${describeError(cleanup)}`);
      });
      await storage.delete(storageKey).catch((cleanup: unknown) => {
        console.error(`[documents] could not remove the stored file of ${documentId}: ${describeError(cleanup)}`);
      });
      throw error;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}

class UploadInterruptedError extends ValidationError {
  constructor(cause: unknown) {
    super("The upload was interrupted. Try again.", "file");
    this.cause = cause;
  }
}

async function readChunk(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<ReadableStreamReadResult<Uint8Array>> {
  try {
    return await reader.read();
  } catch (error) {
    throw new UploadInterruptedError(error);
  }
}

/** Reads until HEAD_BYTES are buffered or the body ends. */
async function readHead(reader: ReadableStreamDefaultReader<Uint8Array>, maxBytes: number) {
  const head: Uint8Array[] = [];
  let size = 0;
  while (size < HEAD_BYTES) {
    const { done, value } = await readChunk(reader);
    if (done) return { head, done: true };
    if (value.byteLength === 0) continue;
    head.push(value);
    size += value.byteLength;
    if (size > maxBytes) throw new FileTooLargeError(maxBytes);
  }
  return { head, done: false };
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.byteLength, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.byteLength;
  }
  return out;
}

/** The buffered head, then the rest of the body; hashes every byte and fails once past `maxBytes`. */
function countedStream(
  head: Uint8Array[],
  rest: ReadableStreamDefaultReader<Uint8Array> | null,
  maxBytes: number,
  hash: ReturnType<typeof createHash>,
): ReadableStream<Uint8Array> {
  const queued = [...head];
  let size = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      let chunk = queued.shift();
      if (!chunk) {
        if (!rest) {
          controller.close();
          return;
        }
        const { done, value } = await readChunk(rest);
        if (done) {
          controller.close();
          return;
        }
        chunk = value;
      }
      size += chunk.byteLength;
      if (size > maxBytes) throw new FileTooLargeError(maxBytes);
      hash.update(chunk);
      controller.enqueue(chunk);
    },
  });
}
