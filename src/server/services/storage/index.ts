import path from "node:path";
import { LocalDiskStorage } from "./local-disk";
import { loadUtApi, UploadThingStorage, type UtApiClient } from "./uploadthing";
import type { FileStorage } from "./types";

export type { FileStorage, PutMeta, StoredObject } from "./types";
export { documentStorageKey, parseStorageKey, safeFileName } from "./keys";

/** Where local uploads live: UPLOADS_DIR, else `.data/uploads` under the working directory. */
export function localUploadsRoot(env: Readonly<Record<string, string | undefined>> = process.env): string {
  const configured = env.UPLOADS_DIR?.trim();
  return path.resolve(configured ? configured : path.join(".data", "uploads"));
}

/** The backend the configuration asks for: UploadThing when UPLOADTHING_TOKEN is set, the local disk otherwise. */
export function createStorage(env: Readonly<Record<string, string | undefined>> = process.env): FileStorage {
  const token = env.UPLOADTHING_TOKEN?.trim();
  if (token) {
    let client: Promise<UtApiClient> | null = null;
    return new UploadThingStorage(() => {
      client ??= loadUtApi(token).catch((error: unknown) => {
        client = null;
        throw error;
      });
      return client;
    });
  }
  return new LocalDiskStorage(localUploadsRoot(env));
}

const globals = globalThis as typeof globalThis & { __ebosStorage?: FileStorage | null };

/** The process's storage (one per process: Next bundles server code into several layers). */
export function getStorage(): FileStorage {
  globals.__ebosStorage ??= createStorage();
  return globals.__ebosStorage;
}

/** Tests swap the backend (e.g. a LocalDiskStorage in a temporary directory); null restores the configured one. */
export function setStorageForTests(storage: FileStorage | null): void {
  globals.__ebosStorage = storage;
}
