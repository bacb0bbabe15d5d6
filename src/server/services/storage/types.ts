/**
 * One interface for where uploaded bytes live: the local disk (the embedded
 * default) or UploadThing (when UPLOADTHING_TOKEN is set). Callers never build
 * paths or URLs themselves: they hold a key from ./keys.ts and go through
 * getStorage(); files reach browsers only through authorized routes.
 */
export type PutMeta = {
  /** The MIME type the bytes are served with. */
  contentType: string;
  /** The original file name, for backends that keep one. */
  fileName: string;
};

export type StoredObject = {
  size: number;
  /** The bytes as a stream; each call opens a new one. */
  stream(): ReadableStream<Uint8Array>;
  /** The bytes in memory (documents are bounded by the upload limit). */
  bytes(): Promise<Uint8Array>;
};

export type FileStorage = {
  readonly kind: "local" | "uploadthing";
  /**
   * Stores the bytes under `key`, replacing what was there; either the whole file
   * is stored or nothing is (a failing or aborted stream leaves no partial file).
   * Errors thrown by the source stream propagate unchanged.
   */
  put(key: string, body: Uint8Array | ReadableStream<Uint8Array>, meta: PutMeta): Promise<{ size: number }>;
  /** Null when nothing is stored under `key`. */
  get(key: string): Promise<StoredObject | null>;
  /** Removes the file; removing a missing file is not an error. */
  delete(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
};
