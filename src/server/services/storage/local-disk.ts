import { randomBytes } from "node:crypto";
import { mkdir, open, rename, rm, rmdir, stat, type FileHandle } from "node:fs/promises";
import path from "node:path";
import { InvalidStorageKeyError, parseStorageKey } from "./keys";
import type { FileStorage, PutMeta, StoredObject } from "./types";

const READ_CHUNK_BYTES = 64 * 1024;

function isMissing(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "ENOENT" || code === "ENOTDIR";
}

async function writeAll(handle: FileHandle, bytes: Uint8Array): Promise<void> {
  let offset = 0;
  while (offset < bytes.byteLength) {
    const { bytesWritten } = await handle.write(bytes, offset, bytes.byteLength - offset);
    offset += bytesWritten;
  }
}

/**
 * Files on the local disk, under `.data/uploads` (or UPLOADS_DIR). A write goes
 * to a hidden temporary file in the target directory and is renamed into place
 * once complete and synced, so readers see the old file or the whole new one,
 * and a failed upload (too large, aborted) leaves nothing behind.
 */
export class LocalDiskStorage implements FileStorage {
  readonly kind = "local" as const;
  readonly root: string;

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  /** The file's path; the key's alphabet already excludes traversal, this re-checks the resolved path anyway. */
  private pathFor(key: string): string {
    const { teamId, documentId, name } = parseStorageKey(key);
    const resolved = path.resolve(this.root, teamId, documentId, name);
    if (!resolved.startsWith(this.root + path.sep)) throw new InvalidStorageKeyError();
    return resolved;
  }

  async put(key: string, body: Uint8Array | ReadableStream<Uint8Array>, _meta: PutMeta): Promise<{ size: number }> {
    const target = this.pathFor(key);
    const directory = path.dirname(target);
    await mkdir(directory, { recursive: true, mode: 0o700 });
    // Starts with a dot: no valid key (its name starts with a letter or digit) can address it.
    const temp = path.join(directory, `.${path.basename(target)}.${randomBytes(8).toString("hex")}.tmp`);
    const handle = await open(temp, "wx", 0o600);
    let closed = false;
    let size = 0;
    try {
      if (body instanceof Uint8Array) {
        await writeAll(handle, body);
        size = body.byteLength;
      } else {
        const reader = body.getReader();
        try {
          for (;;) {
            const { done, value } = await reader.read();
            if (done) break;
            await writeAll(handle, value);
            size += value.byteLength;
          }
        } finally {
          reader.releaseLock();
        }
      }
      await handle.sync();
      await handle.close();
      closed = true;
      await rename(temp, target);
      return { size };
    } catch (error) {
      if (!closed) await handle.close().catch(() => undefined);
      await rm(temp, { force: true });
      await this.removeIfEmpty(directory);
      throw error;
    }
  }

  async get(key: string): Promise<StoredObject | null> {
    const file = this.pathFor(key);
    let size: number;
    try {
      const info = await stat(file);
      if (!info.isFile()) return null;
      size = info.size;
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
    return {
      size,
      stream: () => fileStream(file),
      bytes: async () => {
        const handle = await open(file, "r");
        try {
          return new Uint8Array(await handle.readFile());
        } finally {
          await handle.close();
        }
      },
    };
  }

  async delete(key: string): Promise<void> {
    const file = this.pathFor(key);
    await rm(file, { force: true });
    await this.removeIfEmpty(path.dirname(file));
  }

  async exists(key: string): Promise<boolean> {
    try {
      return (await stat(this.pathFor(key))).isFile();
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
  }

  /** Drops a document's directory once its last file is gone (never the team's or the root). */
  private async removeIfEmpty(directory: string): Promise<void> {
    if (path.dirname(path.dirname(directory)) !== this.root) return;
    await rmdir(directory).catch(() => undefined);
  }
}

function fileStream(file: string): ReadableStream<Uint8Array> {
  let handle: FileHandle | null = null;
  return new ReadableStream<Uint8Array>({
    async start() {
      handle = await open(file, "r");
    },
    async pull(controller) {
      if (!handle) return;
      const buffer = new Uint8Array(READ_CHUNK_BYTES);
      const { bytesRead } = await handle.read(buffer, 0, buffer.byteLength, null);
      if (bytesRead === 0) {
        await handle.close();
        handle = null;
        controller.close();
        return;
      }
      controller.enqueue(buffer.subarray(0, bytesRead));
    },
    async cancel() {
      await handle?.close();
      handle = null;
    },
  });
}
