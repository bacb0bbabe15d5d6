import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { EMBEDDING_DIMENSIONS } from "../../services/ai/types";
import { getBaseDb, getPool } from "../client";
import { createTenantClient } from "../tenant-client";
import { describeVectorBackend, type ContractSetup } from "./backend-contract";
import { detectVectorBackend, hasVectorColumn, vectorStoreSetting } from "./index";
import { createPortableBackend, TopK, vectorCacheBytes } from "./portable";
import { parseArrayInto, VectorCache, VectorMatrix } from "./portable-cache";

/** The portable store on the machine's PostgreSQL 15 (no pgvector there): with its vector cache, and streaming every search. */
let cached: ContractSetup | undefined;
describeVectorBackend(
  "portable",
  () => (cached ??= { pool: getPool(), base: getBaseDb(), backend: createPortableBackend(getPool()) }),
  "cached",
);
let streaming: ContractSetup | undefined;
describeVectorBackend(
  "portable",
  () => (streaming ??= { pool: getPool(), base: getBaseDb(), backend: createPortableBackend(getPool(), { cacheBytes: 0 }) }),
  "streaming",
);

function unit(index: number, tilt = 0): number[] {
  const v = new Array<number>(EMBEDDING_DIMENSIONS).fill(0);
  v[index] = 1;
  v[(index + 1) % EMBEDDING_DIMENSIONS] = tilt;
  return v;
}

describe("portable backend cache", () => {
  it("reuses cached vectors only while the team's rows are unchanged", async () => {
    const backend = createPortableBackend(getPool(), { cacheBytes: 64 * 1024 * 1024 });
    const base = getBaseDb();
    const team = await base.team.create({ data: { name: "cache", slug: `cache-${randomBytes(4).toString("hex")}` }, select: { id: true } });
    const db = createTenantClient(base, team.id);
    const doc = await db.document.create({
      data: { name: "c.md", mimeType: "text/markdown", sizeBytes: 1, storageKey: `test/cache-${team.id}`, sha256: "0".repeat(64), status: "READY" },
      select: { id: true },
    });
    const add = (index: number, embedding: number[]) =>
      db.documentChunk.create({ data: { documentId: doc.id, index, content: `c${index}`, tokenCount: 1, embedding, embeddingModel: "m" }, select: { id: true } });
    const search = async (vector: number[]) =>
      (await backend.search({ teamId: team.id, embeddingModel: "m", vector, k: 2 })).map((h) => h.chunkId);

    const first = await add(0, unit(0, 0.5));
    const second = await add(1, unit(5));
    expect(await search(unit(0))).toEqual([first.id, second.id]);
    expect(backend.cache?.size).toBe(1);
    expect(await search(unit(5))).toEqual([second.id, first.id]);

    // Insert: a closer chunk appears at once.
    const third = await add(2, unit(0));
    expect(await search(unit(0))).toEqual([third.id, first.id]);
    // Update in place (same id, same count): the new vector is used.
    await db.documentChunk.update({ where: { id: third.id }, data: { embedding: unit(9) } });
    expect(await search(unit(0))).toEqual([first.id, second.id]);
    expect(await search(unit(9))).toEqual([third.id, first.id]);
    // Delete and insert in one transaction (same count): still exact.
    await db.$transaction(async (tx) => {
      await tx.documentChunk.delete({ where: { id: first.id } });
      await tx.documentChunk.create({ data: { documentId: doc.id, index: 3, content: "c3", tokenCount: 1, embedding: unit(0, 0.1), embeddingModel: "m" } });
    });
    const [best] = await search(unit(0));
    expect(best).not.toBe(first.id);
    expect(await db.documentChunk.findFirst({ where: { id: best }, select: { index: true } })).toEqual({ index: 3 });
    expect(backend.cache?.size).toBe(1);
  });

  it("builds one cache at a time: concurrent cold searches of other teams stream, with the same results", async () => {
    const backend = createPortableBackend(getPool(), { cacheBytes: 64 * 1024 * 1024 });
    const base = getBaseDb();
    const teams = await Promise.all(
      [0, 1, 2, 3].map(async (n) => {
        const team = await base.team.create({ data: { name: `cold-${n}`, slug: `cold-${n}-${randomBytes(4).toString("hex")}` }, select: { id: true } });
        const db = createTenantClient(base, team.id);
        const doc = await db.document.create({
          data: { name: "c.md", mimeType: "text/markdown", sizeBytes: 1, storageKey: `test/cold-${team.id}`, sha256: "0".repeat(64), status: "READY" },
          select: { id: true },
        });
        const near = await db.documentChunk.create({
          data: { documentId: doc.id, index: 0, content: "near", tokenCount: 1, embedding: unit(n), embeddingModel: "m" },
          select: { id: true },
        });
        await db.documentChunk.create({ data: { documentId: doc.id, index: 1, content: "far", tokenCount: 1, embedding: unit(n + 7), embeddingModel: "m" } });
        return { id: team.id, near: near.id, n };
      }),
    );
    const results = await Promise.all(
      teams.map(async (team) => (await backend.search({ teamId: team.id, embeddingModel: "m", vector: unit(team.n), k: 1 }))[0]?.chunkId),
    );
    expect(results).toEqual(teams.map((team) => team.near));
    // Without the guard every one of the four would have built its own matrix at once.
    expect(backend.stats.builds).toBeLessThan(4);
    expect(backend.cache?.size).toBe(backend.stats.builds);
  });

  it("keeps within its byte budget, dropping the least recently used team", () => {
    const matrix = (rows: number) => new VectorMatrix(rows, 4);
    const fp = (n: number) => ({ count: n, idHash: "0", xminSum: "0" });
    const cache = new VectorCache(matrix(10).bytes * 2 + 1);
    cache.set("a", fp(10), matrix(10));
    cache.set("b", fp(10), matrix(10));
    expect(cache.get("a", fp(10))).not.toBeNull();
    cache.set("c", fp(10), matrix(10));
    expect(cache.get("b", fp(10))).toBeNull();
    expect(cache.get("a", fp(10))).not.toBeNull();
    expect(cache.get("c", fp(11))).toBeNull();
    expect(cache.size).toBe(1);
    expect(cache.bytesUsed).toBeLessThanOrEqual(cache.maxBytes);
    expect(new VectorCache(100).fits(1, 768)).toBe(false);
  });
});

describe("portable backend pieces", () => {
  it("is what this server gets: no embeddingVec column without the extension", async () => {
    expect(await hasVectorColumn(getPool())).toBe(false);
    expect((await detectVectorBackend(getPool(), "auto")).kind).toBe("portable");
    await expect(detectVectorBackend(getPool(), "pgvector")).rejects.toThrow(/embeddingVec/);
    expect(vectorStoreSetting({ VECTOR_STORE: "portable" })).toBe("portable");
    expect(vectorStoreSetting({})).toBe("auto");
    expect(() => vectorStoreSetting({ VECTOR_STORE: "faiss" })).toThrow(/VECTOR_STORE/);
    expect(vectorCacheBytes({})).toBe(256 * 1024 * 1024);
    expect(vectorCacheBytes({ VECTOR_CACHE_MB: "0" })).toBe(0);
    expect(() => vectorCacheBytes({ VECTOR_CACHE_MB: "lots" })).toThrow(/VECTOR_CACHE_MB/);
  });

  it("keeps the k best of a stream, best first, ties by id", () => {
    const top = new TopK(3);
    const scores = [0.1, 0.9, 0.5, 0.7, 0.2, 0.9, 0.3, 0.95];
    scores.forEach((score, i) => top.offer({ id: `c${i}`, score }));
    expect(top.sorted().map((c) => c.id)).toEqual(["c7", "c1", "c5"]);
  });

  it("parses PostgreSQL's array text exactly and refuses rows it cannot compare", () => {
    const out = new Float32Array(3);
    expect(parseArrayInto("{3,0,-4}", out, 0, 3)).toBe(5);
    expect([...out]).toEqual([3, 0, -4]);
    expect(parseArrayInto("{0.5,0.5,-2e-05}", out, 0, 3)).toBeCloseTo(Math.sqrt(0.5 + 4e-10));
    expect(out[2]).toBe(Math.fround(-2e-5));
    for (const bad of ["{1,0}", "{1,0,0,0}", "{1,NULL,0}", "{NaN,0,0}", "{Infinity,0,0}", "{0,0,0}", "{}", "1,2,3"]) {
      expect(parseArrayInto(bad, out, 0, 3)).toBe(0);
    }
  });
});
