import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMember, callerFor, createTeam, type TestTeam, type TestUser } from "../../../../../test/factories";
import { errorOf } from "../../../../../test/trpc-errors";
import { createCaller } from "@/server/api/root";
import { createInnerContext } from "@/server/api/trpc";
import { getBaseDb } from "@/server/db/client";
import { getTenantDb } from "@/server/db/get-tenant-db";
import { INGEST_FAILURE } from "@/server/services/documents/ingest";
import { documentStorageKey, setStorageForTests } from "@/server/services/storage";
import { LocalDiskStorage } from "@/server/services/storage/local-disk";

let a: TestTeam;
let b: TestTeam;
let staffOfA: TestUser;
let managerOfA: TestUser;
let root: string;
let storage: LocalDiskStorage;

beforeAll(async () => {
  [a, b] = await Promise.all([createTeam("doc-trpc-a"), createTeam("doc-trpc-b")]);
  [staffOfA, managerOfA] = await Promise.all([addMember(a.id, "STAFF"), addMember(a.id, "MANAGER")]);
  root = await mkdtemp(path.join(tmpdir(), "ebos-doc-trpc-"));
  storage = new LocalDiskStorage(root);
  setStorageForTests(storage);
});

afterAll(async () => {
  setStorageForTests(null);
  await rm(root, { recursive: true, force: true });
});

type Seed = { status?: "QUEUED" | "PROCESSING" | "READY" | "FAILED"; error?: string | null; chunks?: number; updatedAt?: Date };

/** A document with its stored file and `chunks` chunks, as ingestion leaves it. */
async function seedDocument(team: TestTeam, name: string, seed: Seed = {}) {
  const id = randomUUID();
  const storageKey = documentStorageKey(team.id, id, name);
  await storage.put(storageKey, new TextEncoder().encode(`contents of ${name}`), { contentType: "text/plain", fileName: name });
  const db = await getTenantDb(team.id);
  await db.document.create({
    data: {
      id,
      name,
      mimeType: "text/plain; charset=utf-8",
      sizeBytes: 20,
      storageKey,
      sha256: "x",
      status: seed.status ?? "READY",
      error: seed.error ?? null,
      chunkCount: seed.chunks ?? 0,
      uploadedById: team.owner.id,
      chunks: {
        create: Array.from({ length: seed.chunks ?? 0 }, (_, index) => ({
          index,
          content: `chunk ${index}`,
          tokenCount: 2,
          embedding: [0.1, 0.2],
          embeddingModel: "test",
        })),
      },
    },
    select: { id: true },
  });
  if (seed.updatedAt) {
    // updatedAt is maintained by Prisma on every update; setting it is how a test makes a row look old.
    await db.document.update({ where: { id }, data: { updatedAt: seed.updatedAt }, select: { id: true } });
  }
  return { id, storageKey };
}

describe("document router", () => {
  it("lists the team's documents newest first with status, and gets one", async () => {
    const first = await seedDocument(a, "first.txt", { status: "READY", chunks: 2 });
    const second = await seedDocument(a, "second.txt", { status: "FAILED", error: "This PDF could not be read. It may be damaged." });
    const api = callerFor(staffOfA, a.id);
    const { items } = await api.document.list();
    const ids = items.map((d) => d.id);
    expect(ids.indexOf(second.id)).toBeLessThan(ids.indexOf(first.id));
    expect(items.find((d) => d.id === first.id)).toMatchObject({ name: "first.txt", status: "READY", chunkCount: 2, error: null, progress: null });
    expect(await api.document.get({ id: second.id })).toMatchObject({ status: "FAILED", error: "This PDF could not be read. It may be damaged." });
    // The reason is shown in the reader's language.
    const indonesian = createCaller(
      createInnerContext({ session: { user: { id: a.owner.id, email: a.owner.email, activeTeamId: a.id } }, locale: "id" }),
    );
    expect((await indonesian.document.get({ id: second.id })).error).toBe("PDF ini tidak dapat dibaca. Berkasnya mungkin rusak.");
  });

  it("reports the ingestion run's progress while processing", async () => {
    const doc = await seedDocument(a, "processing.txt", { status: "PROCESSING" });
    await getBaseDb().jobRun.create({
      data: {
        job: "ingest-document",
        key: `ingest-document:${doc.id}`,
        teamId: a.id,
        payload: { teamId: a.id, documentId: doc.id },
        status: "RUNNING",
        progress: { stage: "embedding", done: 3, total: 12 },
      },
      select: { id: true },
    });
    expect((await callerFor(a.owner, a.id).document.get({ id: doc.id })).progress).toEqual({ done: 3, total: 12 });
    // Team B's view of the same run: nothing.
    expect((await errorOf(callerFor(b.owner, b.id).document.get({ id: doc.id }))).code).toBe("NOT_FOUND");
  });

  it("deletes the row, its chunks and its stored file together", async () => {
    const doc = await seedDocument(a, "delete-me.txt", { chunks: 3 });
    expect(await storage.exists(doc.storageKey)).toBe(true);
    expect(await callerFor(a.owner, a.id).document.delete({ id: doc.id })).toEqual({ id: doc.id });
    const db = await getTenantDb(a.id);
    expect(await db.document.findFirst({ where: { id: doc.id }, select: { id: true } })).toBeNull();
    expect(await db.documentChunk.count({ where: { documentId: doc.id } })).toBe(0);
    expect(await storage.exists(doc.storageKey)).toBe(false);
    expect((await errorOf(callerFor(a.owner, a.id).document.delete({ id: doc.id }))).code).toBe("NOT_FOUND");
  });

  it("retries a failed document once, and refuses documents that are not failed", async () => {
    const failed = await seedDocument(a, "retry.txt", { status: "FAILED", error: INGEST_FAILURE.unknown });
    const api = callerFor(managerOfA, a.id);
    expect(await api.document.retry({ id: failed.id })).toEqual({ id: failed.id, status: "QUEUED" });
    expect(await api.document.get({ id: failed.id })).toMatchObject({ status: "QUEUED", error: null });
    const runs = await getBaseDb().jobRun.findMany({ where: { key: { startsWith: `ingest-document:${failed.id}:` } }, select: { payload: true } });
    expect(runs).toEqual([{ payload: { teamId: a.id, documentId: failed.id } }]);
    // Now QUEUED (and fresh): a second click is refused instead of queueing a second run.
    const again = await errorOf(api.document.retry({ id: failed.id }));
    expect(again.code).toBe("CONFLICT");
    expect(again.message).toBe("Only a failed document can be retried.");
    const ready = await seedDocument(a, "ready.txt", { status: "READY" });
    expect((await errorOf(api.document.retry({ id: ready.id }))).code).toBe("CONFLICT");
    // A run that was lost long ago leaves the document stuck: it may be retried too.
    const stuck = await seedDocument(a, "stuck.txt", { status: "PROCESSING", updatedAt: new Date(Date.now() - 60 * 60_000) });
    expect(await api.document.retry({ id: stuck.id })).toEqual({ id: stuck.id, status: "QUEUED" });
  });

  it("checks permissions: staff read but neither delete nor retry", async () => {
    const doc = await seedDocument(a, "perm.txt", { status: "FAILED", error: INGEST_FAILURE.unknown });
    const staff = callerFor(staffOfA, a.id);
    expect((await staff.document.get({ id: doc.id })).name).toBe("perm.txt");
    expect((await errorOf(staff.document.delete({ id: doc.id }))).code).toBe("FORBIDDEN");
    expect((await errorOf(staff.document.retry({ id: doc.id }))).code).toBe("FORBIDDEN");
    expect((await errorOf(callerFor(managerOfA, a.id).document.delete({ id: doc.id }))).code).toBe("FORBIDDEN");
  });

  it("shows team B nothing of team A: not found, never forbidden-with-data", async () => {
    const secret = await seedDocument(a, "a-secret.txt", { status: "FAILED", error: INGEST_FAILURE.unknown, chunks: 1 });
    const apiB = callerFor(b.owner, b.id);
    expect((await apiB.document.list()).items).toEqual([]);
    for (const call of [
      () => apiB.document.get({ id: secret.id }),
      () => apiB.document.delete({ id: secret.id }),
      () => apiB.document.retry({ id: secret.id }),
    ]) {
      const error = await errorOf(call());
      expect(error.code).toBe("NOT_FOUND");
      expect(error.message).not.toContain("a-secret");
    }
    // A's document, its chunk and its file are untouched.
    expect(await callerFor(a.owner, a.id).document.get({ id: secret.id })).toMatchObject({ status: "FAILED", chunkCount: 1 });
    expect(await storage.exists(secret.storageKey)).toBe(true);
  });

  it("validates ids", async () => {
    const error = await errorOf(callerFor(a.owner, a.id).document.get({ id: "" }));
    expect(error.code).toBe("BAD_REQUEST");
  });
});
