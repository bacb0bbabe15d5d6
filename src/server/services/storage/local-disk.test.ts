import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { documentStorageKey, InvalidStorageKeyError, parseStorageKey, safeFileName } from "./keys";
import { LocalDiskStorage } from "./local-disk";
import { createStorage, localUploadsRoot } from "./index";

let root: string;
let storage: LocalDiskStorage;
const meta = { contentType: "text/plain", fileName: "notes.txt" };

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "ebos-storage-"));
  storage = new LocalDiskStorage(root);
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

function streamOf(parts: Array<string | Error>): ReadableStream<Uint8Array> {
  let i = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const part = parts[i++];
      if (part === undefined) controller.close();
      else if (part instanceof Error) controller.error(part);
      else controller.enqueue(new TextEncoder().encode(part));
    },
  });
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

describe("storage keys", () => {
  it("builds team/document/safe-name keys from any file name", () => {
    expect(documentStorageKey("team_1", "doc-1", "Quarterly Report (final).PDF")).toBe("team_1/doc-1/Quarterly-Report-final.pdf");
    expect(safeFileName("../../etc/passwd")).toBe("passwd");
    expect(safeFileName("..\\..\\windows\\win.ini")).toBe("win.ini");
    expect(safeFileName("Résumé.docx")).toBe("Resume.docx");
    expect(safeFileName("...")).toBe("file");
    expect(safeFileName("")).toBe("file");
    expect(safeFileName(".hidden.md")).toBe("hidden.md");
  });

  it("refuses keys that could leave their directory", () => {
    for (const key of [
      "../team/doc/a.txt",
      "team/../doc/a.txt",
      "team/doc/../a.txt",
      "team/doc/..",
      "/etc/doc/passwd",
      "team/doc/sub/a.txt",
      "team/doc/.a.txt.tmp",
      "team/doc/a..txt",
      "team/doc/",
      "team\\..\\x/doc/a.txt",
      "",
    ]) {
      expect(() => parseStorageKey(key), key).toThrow(InvalidStorageKeyError);
    }
    expect(parseStorageKey("t1/d1/a.txt")).toEqual({ teamId: "t1", documentId: "d1", name: "a.txt" });
  });
});

describe("LocalDiskStorage", () => {
  it("stores bytes and streams, reads them back, and deletes them", async () => {
    const key = "team-a/doc-1/notes.txt";
    expect(await storage.exists(key)).toBe(false);
    expect(await storage.get(key)).toBeNull();
    expect(await storage.put(key, new TextEncoder().encode("hello"), meta)).toEqual({ size: 5 });
    expect(await storage.exists(key)).toBe(true);
    const stored = await storage.get(key);
    expect(stored?.size).toBe(5);
    expect(new TextDecoder().decode(await stored?.bytes())).toBe("hello");

    // Replacing with a stream, bigger than one read chunk.
    const big = "x".repeat(200_000);
    expect(await storage.put(key, streamOf([big, "!"]), meta)).toEqual({ size: 200_001 });
    const again = await storage.get(key);
    expect(again?.size).toBe(200_001);
    expect(await readAll(again!.stream())).toBe(`${big}!`);
    expect(await readFile(path.join(root, "team-a", "doc-1", "notes.txt"), "utf8")).toBe(`${big}!`);

    await storage.delete(key);
    expect(await storage.exists(key)).toBe(false);
    // The document's directory goes with its last file; the team's stays.
    expect(await readdir(path.join(root, "team-a"))).toEqual([]);
    await expect(storage.delete(key)).resolves.toBeUndefined();
  });

  it("leaves nothing behind when the source stream fails, and keeps the previous file", async () => {
    const key = "team-a/doc-2/report.md";
    const failure = new Error("too large");
    await expect(storage.put(key, streamOf(["partial ", failure]), meta)).rejects.toBe(failure);
    expect(await storage.exists(key)).toBe(false);
    await expect(readdir(path.join(root, "team-a", "doc-2"))).rejects.toMatchObject({ code: "ENOENT" });

    await storage.put(key, new TextEncoder().encode("v1"), meta);
    await expect(storage.put(key, streamOf(["v2 partial", failure]), meta)).rejects.toBe(failure);
    expect(new TextDecoder().decode(await (await storage.get(key))?.bytes())).toBe("v1");
    expect(await readdir(path.join(root, "team-a", "doc-2"))).toEqual(["report.md"]);
  });

  it("never reads or writes outside its root", async () => {
    const outside = path.join(path.dirname(root), `outside-${path.basename(root)}.txt`);
    await writeFile(outside, "secret");
    try {
      for (const key of [`../${path.basename(outside)}`, `x/../../${path.basename(outside)}`, "a/b/../../../../etc/passwd"]) {
        await expect(storage.get(key)).rejects.toBeInstanceOf(InvalidStorageKeyError);
        await expect(storage.put(key, new Uint8Array([1]), meta)).rejects.toBeInstanceOf(InvalidStorageKeyError);
        await expect(storage.delete(key)).rejects.toBeInstanceOf(InvalidStorageKeyError);
      }
      expect(await readFile(outside, "utf8")).toBe("secret");
    } finally {
      await rm(outside, { force: true });
    }
  });
});

describe("storage selection", () => {
  it("uses the local disk under .data/uploads or UPLOADS_DIR without an UploadThing token", () => {
    expect(localUploadsRoot({})).toBe(path.resolve(".data/uploads"));
    expect(localUploadsRoot({ UPLOADS_DIR: "/srv/files" })).toBe("/srv/files");
    const local = createStorage({ UPLOADS_DIR: root, UPLOADTHING_TOKEN: " " });
    expect(local.kind).toBe("local");
    expect(createStorage({ UPLOADTHING_TOKEN: "token" }).kind).toBe("uploadthing");
  });

  it("says clearly when UploadThing is configured but its SDK is not installed", async () => {
    const remote = createStorage({ UPLOADTHING_TOKEN: "token" });
    await expect(remote.delete("t/d/a.txt")).rejects.toThrow(/uploadthing package is not installed/);
  });
});
