import { opaqueKeyId, parseStorageKey } from "./keys";
import type { FileStorage, PutMeta, StoredObject } from "./types";

/**
 * Files at UploadThing, through its server SDK (`UTApi` from "uploadthing/server",
 * v7). UploadThing names files by its own key, so each file is uploaded with a
 * customId derived from our key (a hash: fixed length, no characters UploadThing
 * might refuse) and every later call addresses it by that customId. Files are
 * uploaded private; reads go through short-lived signed URLs, fetched here on the
 * server, so the browser still only ever talks to our authorized routes.
 *
 * The SDK is loaded when UPLOADTHING_TOKEN is set (see ./index.ts); the package
 * is an optional dependency of this installation, so `UtApiClient` names just the
 * documented calls used here.
 */
type UtKeyOptions = { keyType?: "fileKey" | "customId" };

export type UtUploadFile = Blob & { name: string; customId?: string | null };

export type UtApiClient = {
  uploadFiles(
    file: UtUploadFile,
    options?: { acl?: "public-read" | "private"; contentDisposition?: "inline" | "attachment" },
  ): Promise<{ data: { key: string } | null; error: { code: string; message: string } | null }>;
  deleteFiles(keys: string | string[], options?: UtKeyOptions): Promise<{ success: boolean }>;
  getSignedURL(key: string, options?: UtKeyOptions & { expiresIn?: number }): Promise<{ url: string; ufsUrl?: string }>;
};

export class UploadThingStorageError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "UploadThingStorageError";
  }
}

const SIGNED_URL_SECONDS = 60;

async function collect(body: Uint8Array | ReadableStream<Uint8Array>): Promise<Uint8Array> {
  if (body instanceof Uint8Array) return body;
  const parts: Uint8Array[] = [];
  let size = 0;
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parts.push(value);
      size += value.byteLength;
    }
  } finally {
    reader.releaseLock();
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.byteLength;
  }
  return out;
}

export class UploadThingStorage implements FileStorage {
  readonly kind = "uploadthing" as const;
  private readonly client: () => Promise<UtApiClient>;
  private readonly fetchImpl: typeof fetch;

  constructor(client: () => Promise<UtApiClient>, fetchImpl: typeof fetch = fetch) {
    this.client = client;
    this.fetchImpl = fetchImpl;
  }

  async put(key: string, body: Uint8Array | ReadableStream<Uint8Array>, meta: PutMeta): Promise<{ size: number }> {
    const { name } = parseStorageKey(key);
    // The SDK uploads a Blob: the stream is read in full first (bounded by the upload limit),
    // so a source that fails (too large) fails here, before anything is sent.
    const bytes = await collect(body);
    const api = await this.client();
    const customId = opaqueKeyId(key);
    // A customId names one file: a re-upload under the same key replaces the earlier file.
    await api.deleteFiles(customId, { keyType: "customId" });
    const file = Object.assign(new File([new Uint8Array(bytes)], name, { type: meta.contentType }), { customId });
    const result = await api.uploadFiles(file, { acl: "private", contentDisposition: "attachment" });
    if (result.error || !result.data) {
      throw new UploadThingStorageError(`UploadThing refused the upload (${result.error?.code ?? "no data"}).`);
    }
    return { size: bytes.byteLength };
  }

  async get(key: string): Promise<StoredObject | null> {
    parseStorageKey(key);
    const response = await this.fetchSigned(key);
    if (!response) return null;
    const bytes = new Uint8Array(await response.arrayBuffer());
    return {
      size: bytes.byteLength,
      stream: () =>
        new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(bytes);
            controller.close();
          },
        }),
      bytes: async () => bytes,
    };
  }

  async delete(key: string): Promise<void> {
    parseStorageKey(key);
    const api = await this.client();
    await api.deleteFiles(opaqueKeyId(key), { keyType: "customId" });
  }

  async exists(key: string): Promise<boolean> {
    parseStorageKey(key);
    const url = await this.signedUrl(key);
    if (!url) return false;
    const response = await this.fetchImpl(url, { method: "HEAD", cache: "no-store" });
    return response.ok;
  }

  /** A signed URL, or null when UploadThing has no file with this customId. */
  private async signedUrl(key: string): Promise<string | null> {
    const api = await this.client();
    try {
      const signed = await api.getSignedURL(opaqueKeyId(key), { keyType: "customId", expiresIn: SIGNED_URL_SECONDS });
      return signed.ufsUrl ?? signed.url;
    } catch (error) {
      // The SDK reports an unknown file as an UploadThingError with code NOT_FOUND.
      if ((error as { code?: unknown } | null)?.code === "NOT_FOUND") return null;
      throw error;
    }
  }

  private async fetchSigned(key: string): Promise<Response | null> {
    const url = await this.signedUrl(key);
    if (!url) return null;
    const response = await this.fetchImpl(url, { cache: "no-store" });
    if (response.status === 404) return null;
    if (!response.ok) throw new UploadThingStorageError(`UploadThing answered ${response.status} for a stored file.`);
    return response;
  }
}

/**
 * Loads the SDK at run time. The specifier is not a literal and is kept out of the
 * bundle on purpose: the package is only needed where UploadThing is configured.
 */
export async function loadUtApi(token: string): Promise<UtApiClient> {
  const specifier = "uploadthing/server";
  let loaded: unknown;
  try {
    loaded = await import(/* webpackIgnore: true */ /* turbopackIgnore: true */ specifier);
  } catch (error) {
    throw new UploadThingStorageError(
      "UPLOADTHING_TOKEN is set but the uploadthing package is not installed: run `npm install uploadthing@7`, or unset the token to store files on the local disk.",
      { cause: error },
    );
  }
  const UTApi = (loaded as { UTApi?: unknown } | null)?.UTApi;
  if (typeof UTApi !== "function") throw new UploadThingStorageError("The installed uploadthing package has no UTApi export (version 7 is expected).");
  const client: unknown = Reflect.construct(UTApi, [{ token }]);
  for (const method of ["uploadFiles", "deleteFiles", "getSignedURL"] as const) {
    if (typeof (client as Record<string, unknown>)[method] !== "function") {
      throw new UploadThingStorageError(`The installed uploadthing package's UTApi has no ${method} (version 7 is expected).`);
    }
  }
  return client as UtApiClient;
}
