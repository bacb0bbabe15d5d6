import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { EMBEDDING_DIMENSIONS } from "../../services/ai/types";
import { DomainError } from "../../errors";
import type { ContextPool } from "../context-pool";
import type { PrismaClient } from "../generated/client";
import { createTenantClient } from "../tenant-client";
import { withTeamConnection } from "./team-connection";
import type { VectorBackend, VectorBackendKind } from "./types";

/**
 * The cases every vector backend must pass, run against pgvector (PGlite) and the
 * portable store (the machine's PostgreSQL): the same data, the same expectations.
 */
export type ContractSetup = { pool: ContextPool; base: PrismaClient; backend: VectorBackend };

const MODEL = "contract-model-v1";
const OTHER_MODEL = "contract-model-v2";

/** Deterministic pseudo-random numbers (mulberry32), so failures reproduce. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomVector(next: () => number): number[] {
  // Stored as real: round now so the expected ranking uses the very same numbers.
  return Array.from({ length: EMBEDDING_DIMENSIONS }, () => Math.fround(next() * 2 - 1));
}

function cosine(a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return dot / Math.sqrt(na * nb);
}

type Seeded = { teamId: string; documentId: string; chunks: Array<{ id: string; vector: number[] }> };

async function seedTeam(
  setup: ContractSetup,
  label: string,
  vectors: number[][],
  options: { model?: string; index?: boolean } = {},
): Promise<Seeded> {
  const { base, backend } = setup;
  const slug = `${label}-${randomBytes(4).toString("hex")}`;
  const team = await base.team.create({ data: { name: label, slug }, select: { id: true } });
  const db = createTenantClient(base, team.id);
  const document = await db.document.create({
    data: { name: `${label}.md`, mimeType: "text/markdown", sizeBytes: 100, storageKey: `test/${slug}`, sha256: "0".repeat(64), status: "READY" },
    select: { id: true },
  });
  const chunks = await addChunks(setup, team.id, document.id, vectors, options);
  if (options.index !== false) await backend.indexChunks(team.id, chunks.map((c) => c.id));
  return { teamId: team.id, documentId: document.id, chunks };
}

async function addChunks(
  setup: ContractSetup,
  teamId: string,
  documentId: string,
  vectors: number[][],
  options: { model?: string; firstIndex?: number } = {},
): Promise<Array<{ id: string; vector: number[] }>> {
  const db = createTenantClient(setup.base, teamId);
  const first = options.firstIndex ?? 0;
  const rows = await db.documentChunk.createManyAndReturn({
    data: vectors.map((embedding, i) => ({
      documentId,
      index: first + i,
      content: `chunk ${first + i}`,
      page: first + i + 1,
      section: `Section ${first + i}`,
      tokenCount: 3,
      embedding,
      embeddingModel: options.model ?? MODEL,
    })),
    select: { id: true, index: true },
  });
  return rows.sort((a, b) => a.index - b.index).map((row) => ({ id: row.id, vector: vectors[row.index - first]! }));
}

function expectedOrder(chunks: Seeded["chunks"], query: number[], k: number): string[] {
  return [...chunks]
    .map((c) => ({ id: c.id, score: cosine(c.vector, query) }))
    .sort((a, b) => b.score - a.score)
    .slice(0, k)
    .map((c) => c.id);
}

export function describeVectorBackend(kind: VectorBackendKind, getSetup: () => ContractSetup, variant = "") {
  describe(`vector backend: ${kind}${variant ? ` (${variant})` : ""}`, () => {
    let setup: ContractSetup;
    let a: Seeded;
    let b: Seeded;
    const next = random(20261124);
    const vectorsA = Array.from({ length: 40 }, () => randomVector(next));

    beforeAll(async () => {
      setup = getSetup();
      expect(setup.backend.kind).toBe(kind);
      a = await seedTeam(setup, "vec-a", vectorsA);
      // Team B holds exact copies of three of A's vectors: identical distances, other team.
      b = await seedTeam(setup, "vec-b", [vectorsA[0]!, vectorsA[1]!, vectorsA[2]!]);
    });

    it("returns the nearest chunks, best first, with cosine scores and their document", async () => {
      const query = randomVector(next);
      const hits = await setup.backend.search({ teamId: a.teamId, embeddingModel: MODEL, vector: query, k: 5 });
      expect(hits.map((h) => h.chunkId)).toEqual(expectedOrder(a.chunks, query, 5));
      for (const hit of hits) {
        const chunk = a.chunks.find((c) => c.id === hit.chunkId)!;
        expect(hit.score).toBeCloseTo(cosine(chunk.vector, query), 4);
        expect(hit).toMatchObject({ documentId: a.documentId, documentName: "vec-a.md", content: `chunk ${hit.index}`, page: hit.index + 1, section: `Section ${hit.index}` });
      }
      // A stored vector is its own nearest neighbour.
      const self = await setup.backend.search({ teamId: a.teamId, embeddingModel: MODEL, vector: a.chunks[7]!.vector, k: 1 });
      expect(self.map((h) => [h.chunkId, Number(h.score.toFixed(5))])).toEqual([[a.chunks[7]!.id, 1]]);
    });

    it("never returns another team's chunks, even with identical vectors", async () => {
      for (const chunk of a.chunks.slice(0, 3)) {
        const hitsB = await setup.backend.search({ teamId: b.teamId, embeddingModel: MODEL, vector: chunk.vector, k: 10 });
        expect(hitsB.map((h) => h.chunkId).sort()).toEqual(b.chunks.map((c) => c.id).sort());
        expect(hitsB.every((h) => h.documentId === b.documentId)).toBe(true);
        const hitsA = await setup.backend.search({ teamId: a.teamId, embeddingModel: MODEL, vector: chunk.vector, k: 10 });
        expect(hitsA.some((h) => b.chunks.some((c) => c.id === h.chunkId))).toBe(false);
        expect(hitsA[0]?.chunkId).toBe(chunk.id);
      }
      // The second wall on its own: a connection in team B's context sees none of A's rows.
      const seen = await withTeamConnection(setup.pool, b.teamId, async (client) =>
        (await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM "DocumentChunk" WHERE "teamId" = $1`, [a.teamId])).rows[0]?.n,
      );
      expect(seen).toBe(0);
    });

    it("compares only vectors of the same embedding model", async () => {
      const other = await addChunks(setup, a.teamId, a.documentId, [a.chunks[3]!.vector], { model: OTHER_MODEL, firstIndex: 100 });
      await setup.backend.indexChunks(a.teamId, other.map((c) => c.id));
      const hits = await setup.backend.search({ teamId: a.teamId, embeddingModel: MODEL, vector: a.chunks[3]!.vector, k: 3 });
      expect(hits.map((h) => h.chunkId)).not.toContain(other[0]!.id);
      expect(hits[0]?.chunkId).toBe(a.chunks[3]!.id);
      const onlyOther = await setup.backend.search({ teamId: a.teamId, embeddingModel: OTHER_MODEL, vector: a.chunks[3]!.vector, k: 3 });
      expect(onlyOther.map((h) => h.chunkId)).toEqual([other[0]!.id]);
      expect(await setup.backend.search({ teamId: a.teamId, embeddingModel: "never-used", vector: a.chunks[3]!.vector, k: 3 })).toEqual([]);
    });

    it("returns at most k results and can be limited to some documents", async () => {
      const query = randomVector(next);
      for (const k of [1, 3, 8]) {
        const hits = await setup.backend.search({ teamId: a.teamId, embeddingModel: MODEL, vector: query, k });
        expect(hits.map((h) => h.chunkId)).toEqual(expectedOrder(a.chunks, query, k));
      }
      expect(await setup.backend.search({ teamId: b.teamId, embeddingModel: MODEL, vector: query, k: 50 })).toHaveLength(3);
      const db = createTenantClient(setup.base, a.teamId);
      const second = await db.document.create({
        data: { name: "second.md", mimeType: "text/markdown", sizeBytes: 1, storageKey: `test/second-${a.teamId}`, sha256: "1".repeat(64), status: "READY" },
        select: { id: true },
      });
      const extra = await addChunks(setup, a.teamId, second.id, [randomVector(next), randomVector(next)]);
      await setup.backend.indexChunks(a.teamId, extra.map((c) => c.id));
      const limited = await setup.backend.search({ teamId: a.teamId, embeddingModel: MODEL, vector: query, k: 5, documentIds: [second.id] });
      expect(limited.map((h) => h.chunkId)).toEqual(expectedOrder(extra, query, 5));
      expect(limited.every((h) => h.documentName === "second.md")).toBe(true);
      // Another team's document id filters to nothing, not to that team's chunks.
      expect(await setup.backend.search({ teamId: b.teamId, embeddingModel: MODEL, vector: query, k: 5, documentIds: [second.id] })).toEqual([]);
    });

    it("returns only chunks of documents whose ingestion finished (READY)", async () => {
      const db = createTenantClient(setup.base, a.teamId);
      const pending = await db.document.create({
        data: { name: "pending.md", mimeType: "text/markdown", sizeBytes: 1, storageKey: `test/pending-${a.teamId}`, sha256: "2".repeat(64), status: "PROCESSING" },
        select: { id: true },
      });
      const chunks = await addChunks(setup, a.teamId, pending.id, [randomVector(next)]);
      await setup.backend.indexChunks(a.teamId, chunks.map((c) => c.id));
      const query = chunks[0]!.vector;
      const whileProcessing = await setup.backend.search({ teamId: a.teamId, embeddingModel: MODEL, vector: query, k: 5 });
      expect(whileProcessing.map((h) => h.chunkId)).not.toContain(chunks[0]!.id);
      for (const status of ["READY", "FAILED"] as const) {
        await db.document.updateMany({ where: { id: pending.id }, data: { status } });
        const hits = await setup.backend.search({ teamId: a.teamId, embeddingModel: MODEL, vector: query, k: 5 });
        expect(hits[0]?.chunkId === chunks[0]!.id).toBe(status === "READY");
      }
      await db.document.deleteMany({ where: { id: pending.id } });
    });

    it("indexes only the calling team's chunks", async () => {
      const fresh = await seedTeam(setup, "vec-c", [randomVector(next), randomVector(next)], { index: false });
      // Team B asking to index C's chunks touches nothing (and says so on pgvector).
      const byOther = await setup.backend.indexChunks(b.teamId, fresh.chunks.map((c) => c.id));
      if (kind === "pgvector") {
        expect(byOther).toBe(0);
        expect(await setup.backend.search({ teamId: fresh.teamId, embeddingModel: MODEL, vector: fresh.chunks[0]!.vector, k: 5 })).toEqual([]);
      }
      expect(await setup.backend.indexChunks(fresh.teamId, fresh.chunks.map((c) => c.id))).toBe(2);
      const hits = await setup.backend.search({ teamId: fresh.teamId, embeddingModel: MODEL, vector: fresh.chunks[0]!.vector, k: 5 });
      expect(hits.map((h) => h.chunkId)).toEqual(expectedOrder(fresh.chunks, fresh.chunks[0]!.vector, 5));
    });

    it("refuses a malformed query vector before touching the database", async () => {
      const bad = [new Array<number>(10).fill(0.1), [...a.chunks[0]!.vector.slice(1), Number.NaN]];
      for (const vector of bad) {
        const error = await setup.backend.search({ teamId: a.teamId, embeddingModel: MODEL, vector, k: 5 }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(DomainError);
        expect((error as DomainError).code).toBe("AI_UNAVAILABLE");
      }
    });
  });
}
