import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPool, createPrismaClient } from "../client";
import type { ContextPool } from "../context-pool";
import { startEmbeddedDatabase, type EmbeddedDatabase } from "../embedded";
import type { PrismaClient } from "../generated/client";
import { applyMigrations } from "../migrate";
import { describeVectorBackend, type ContractSetup } from "./backend-contract";
import { detectVectorBackend, hasVectorColumn } from "./index";
import { randomBytes } from "node:crypto";
import { createTenantClient } from "../tenant-client";
import { createPgvectorBackend, supportsIterativeScan } from "./pgvector";

/** pgvector's SQL on an in-process PGlite with the vector extension and the project's migrations. */
let embedded: EmbeddedDatabase;
let dataDir: string;
let pool: ContextPool;
let base: PrismaClient;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), "ebos-pgvector-"));
  embedded = await startEmbeddedDatabase({ dataDir, port: await freePort() });
  await applyMigrations(embedded.url, { quiet: true });
  // One connection, as the app uses PGlite: the tenant settings belong to it.
  pool = createPool(embedded.url, { max: 1, appRole: "eb_app" });
  base = createPrismaClient(pool);
}, 180_000);

afterAll(async () => {
  await base?.$disconnect();
  await pool?.end();
  await embedded?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

let setup: ContractSetup | undefined;
describeVectorBackend("pgvector", () => {
  setup ??= { pool, base, backend: createPgvectorBackend(pool) };
  return setup;
});

describe("pgvector detection", () => {
  it("finds the embeddingVec column the migration added with the extension", async () => {
    expect(await hasVectorColumn(pool)).toBe(true);
    expect((await detectVectorBackend(pool, "auto")).kind).toBe("pgvector");
    expect((await detectVectorBackend(pool, "portable")).kind).toBe("portable");
  });

  it("knows which pgvector versions have iterative scans", () => {
    expect(supportsIterativeScan("0.8.0")).toBe(true);
    expect(supportsIterativeScan("0.8.7")).toBe(true);
    expect(supportsIterativeScan("1.0.0")).toBe(true);
    expect(supportsIterativeScan("0.7.4")).toBe(false);
  });

  it("searches through the HNSW index when the planner is steered to it", async () => {
    const client = await pool.connect();
    try {
      await client.query("BEGIN; SET LOCAL enable_seqscan = off; SET LOCAL enable_bitmapscan = off; SET LOCAL enable_sort = off");
      const vector = `[${new Array(768).fill(0.01).join(",")}]`;
      const plan = await client.query<{ "QUERY PLAN": string }>(
        `EXPLAIN SELECT id FROM "DocumentChunk" ORDER BY "embeddingVec" <=> $1::vector LIMIT 5`,
        [vector],
      );
      expect(plan.rows.map((r) => r["QUERY PLAN"]).join("\n")).toContain("DocumentChunk_embeddingVec_hnsw");
    } finally {
      await client.query("ROLLBACK");
      client.release();
    }
  });
});

describe("pgvector with a filtered HNSW walk", () => {
  it("still finds a small team's chunks when another team's crowd the index (iterative scan)", async () => {
    const dims = 768;
    const near = (i: number) => Array.from({ length: dims }, (_, d) => (d === 0 ? 1 : d === 1 + (i % 700) ? 0.05 : 0));
    const far = (i: number) => Array.from({ length: dims }, (_, d) => (d === 1 ? 1 : d === 2 + i ? 0.3 : 0));
    const backend = createPgvectorBackend(pool);
    const seed = async (label: string, vectors: number[][]) => {
      const team = await base.team.create({ data: { name: label, slug: `${label}-${randomBytes(4).toString("hex")}` }, select: { id: true } });
      const db = createTenantClient(base, team.id);
      const doc = await db.document.create({
        data: { name: `${label}.md`, mimeType: "text/markdown", sizeBytes: 1, storageKey: `test/${team.id}`, sha256: "0".repeat(64), status: "READY" },
        select: { id: true },
      });
      const rows = await db.documentChunk.createManyAndReturn({
        data: vectors.map((embedding, index) => ({ documentId: doc.id, index, content: `c${index}`, tokenCount: 1, embedding, embeddingModel: "crowd" })),
        select: { id: true },
      });
      await backend.indexChunks(team.id, rows.map((r) => r.id));
      return team.id;
    };
    // 300 chunks of one team right next to the query; the small team's 5 chunks far from it.
    await seed("crowd", Array.from({ length: 300 }, (_, i) => near(i)));
    const small = await seed("small", Array.from({ length: 5 }, (_, i) => far(i)));
    const query = near(0);
    // Make the planner walk the HNSW index (as it does on large tables) on the pool's one connection.
    await pool.query("SET enable_seqscan = off; SET enable_bitmapscan = off; SET enable_sort = off");
    try {
      const hits = await backend.search({ teamId: small, embeddingModel: "crowd", vector: query, k: 5 });
      expect(hits).toHaveLength(5);
      // Without the iterative scan the walk stops after ef_search candidates, all of the other team's.
      const plain = await createPgvectorBackend(pool, { iterativeScan: false }).search({ teamId: small, embeddingModel: "crowd", vector: query, k: 5 });
      expect(plain.length).toBeLessThan(5);
    } finally {
      await pool.query("RESET enable_seqscan; RESET enable_bitmapscan; RESET enable_sort");
    }
  });
});
