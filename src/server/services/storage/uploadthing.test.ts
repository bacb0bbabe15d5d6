import { describe, expect, it } from "vitest";
import { opaqueKeyId } from "./keys";
import { UploadThingStorage, UploadThingStorageError, type UtApiClient, type UtUploadFile } from "./uploadthing";

/**
 * The adapter's side of the UploadThing contract (the SDK itself is not installed
 * here): which customId each key maps to, that uploads are private, and how a
 * missing file and a refused upload are reported. The client is a recording
 * double shaped like UTApi's documented methods.
 */
function recordingClient() {
  const files = new Map<string, { name: string; type: string; bytes: Uint8Array; acl: string | undefined }>();
  const calls: string[] = [];
  const client: UtApiClient = {
    async uploadFiles(file: UtUploadFile, options) {
      calls.push(`upload ${file.customId ?? "?"}`);
      if (file.name === "refused.txt") return { data: null, error: { code: "BAD_REQUEST", message: "nope" } };
      files.set(file.customId ?? "", { name: file.name, type: file.type, bytes: new Uint8Array(await file.arrayBuffer()), acl: options?.acl });
      return { data: { key: `ut-${files.size}` }, error: null };
    },
    async deleteFiles(keys, options) {
      calls.push(`delete ${String(keys)} ${options?.keyType ?? "fileKey"}`);
      for (const key of [keys].flat()) files.delete(key);
      return { success: true };
    },
    async getSignedURL(key, options) {
      calls.push(`sign ${key} ${options?.keyType ?? "fileKey"}`);
      if (!files.has(key)) throw Object.assign(new Error("not found"), { code: "NOT_FOUND" });
      return { url: `https://files.test/${key}`, ufsUrl: `https://ufs.test/${key}` };
    },
  };
  const fetchDouble = (async (input: string | URL | Request, init?: RequestInit) => {
    const id = String(input).split("/").pop() ?? "";
    const file = files.get(id);
    if (!file) return new Response(null, { status: 404 });
    return new Response(init?.method === "HEAD" ? null : new Uint8Array(file.bytes), { status: 200 });
  }) as typeof fetch;
  return { client, files, calls, fetchDouble };
}

describe("UploadThingStorage", () => {
  const key = "team-1/doc-1/report.pdf";

  it("uploads privately under a customId derived from the key, and reads back through a signed URL", async () => {
    const { client, files, calls, fetchDouble } = recordingClient();
    const storage = new UploadThingStorage(async () => client, fetchDouble);
    const stream = new Blob(["%PDF-1.4 ", "body"]).stream();
    expect(await storage.put(key, stream, { contentType: "application/pdf", fileName: "Report.pdf" })).toEqual({ size: 13 });
    const stored = files.get(opaqueKeyId(key));
    expect(stored).toMatchObject({ name: "report.pdf", type: "application/pdf", acl: "private" });
    expect(opaqueKeyId(key)).toMatch(/^[0-9a-f]{64}$/);

    expect(await storage.exists(key)).toBe(true);
    const object = await storage.get(key);
    expect(new TextDecoder().decode(await object?.bytes())).toBe("%PDF-1.4 body");
    expect(calls).toContain(`sign ${opaqueKeyId(key)} customId`);

    await storage.delete(key);
    expect(await storage.exists(key)).toBe(false);
    expect(await storage.get(key)).toBeNull();
  });

  it("reports a refused upload and refuses invalid keys before calling UploadThing", async () => {
    const { client, calls, fetchDouble } = recordingClient();
    const storage = new UploadThingStorage(async () => client, fetchDouble);
    await expect(storage.put("team-1/doc-2/refused.txt", new Uint8Array([1]), { contentType: "text/plain", fileName: "refused.txt" })).rejects.toBeInstanceOf(
      UploadThingStorageError,
    );
    const before = calls.length;
    await expect(storage.get("../team-1/doc/a.txt")).rejects.toThrow("Invalid storage key.");
    expect(calls.length).toBe(before);
  });
});
