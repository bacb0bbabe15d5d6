/**
 * RAG retrieval benchmark (part of `npm run bench`; alone: `npx tsx bench/rag.ts`).
 *
 * Top-5 search latency (p50/p99) over 10k and 100k synthetic chunks of 768
 * dimensions, for each vector backend exactly as the app calls it (team context,
 * RLS role, team + model filter, join to the document):
 *   - pgvector HNSW on PGlite (the embedded default), with recall@5 against an
 *     exact search (sequential scan, same distance function) on the same data;
 *   - the portable store on the machine's PostgreSQL 15, streaming every search
 *     and with its in-process vector cache (exact by construction: recall 1).
 *
 * The data: 100 cluster centres plus noise from a 16-dimensional subspace (real
 * embeddings are clustered and have a low intrinsic dimension; uniform noise in
 * 768 dimensions would make every point about equally far and "nearest" random).
 * Queries are fresh points near the centres.
 *
 * Building a 100k HNSW index in PGlite (WASM, one thread) takes minutes, so the
 * built PGlite databases are kept under .data/bench/ and reused by later runs.
 * BENCH_RAG_SIZES=10000 limits the sizes.
 */
import { existsSync, mkdirSync, rmSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import pg from "pg";
import { createPool } from "../src/server/db/client";
import type { ContextPool } from "../src/server/db/context-pool";
import { startEmbeddedDatabase, type EmbeddedDatabase } from "../src/server/db/embedded";
import { applyMigrations } from "../src/server/db/migrate";
import { createPgvectorBackend, HNSW_EF_SEARCH } from "../src/server/db/vector/pgvector";
import { createPortableBackend } from "../src/server/db/vector/portable";
import { withTeamTransaction } from "../src/server/db/vector/team-connection";
import type { VectorBackend } from "../src/server/db/vector/types";

const ROOT = path.resolve(import.meta.dirname, "..");
const DIMS = 768;
const K = 5;
const CENTERS = 100;
const NOISES = 1000;
const SUBSPACE = 16;
const NOISE_SCALE = 0.22;
const MODEL = "bench-synthetic-768";
/** Bump when the data or the schema changes: cached PGlite databases of another version are rebuilt. */
const DATA_VERSION = 1;

type Row = { backend: string; chunks: number; setup: string; samples: number[]; recall: string };

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Data = { centers: Float32Array[]; noises: Float32Array[]; basis: Float32Array[]; next: () => number };

function makeData(): Data {
  const next = rng(20261124);
  const uniform = () => next() * 2 - 1;
  const centers = Array.from({ length: CENTERS }, () => Float32Array.from({ length: DIMS }, uniform));
  const basis = Array.from({ length: SUBSPACE }, () => Float32Array.from({ length: DIMS }, () => uniform() * NOISE_SCALE));
  const noise = () => {
    const z = Array.from({ length: SUBSPACE }, uniform);
    return Float32Array.from({ length: DIMS }, (_, d) => z.reduce((sum, zi, i) => sum + zi * basis[i]![d]!, 0));
  };
  return { centers, noises: Array.from({ length: NOISES }, noise), basis, next };
}

/** Query q: a centre plus fresh noise from the same subspace (deterministic per q). */
function queryVector(data: Data, q: number): number[] {
  const next = rng(7000 + q);
  const z = Array.from({ length: SUBSPACE }, () => next() * 2 - 1);
  const center = data.centers[(q * 37) % CENTERS]!;
  return Array.from({ length: DIMS }, (_, d) => Math.fround(center[d]! + z.reduce((sum, zi, i) => sum + zi * data.basis[i]![d]!, 0)));
}

const asVector = (v: Float32Array) => `[${Array.from(v).join(",")}]`;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

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

async function createTeamAndDocument(client: pg.Client, n: number): Promise<{ teamId: string; documentId: string }> {
  const teamId = `bench-rag-${n}`;
  const documentId = `bench-rag-doc-${n}`;
  await client.query(`INSERT INTO "Team" (id, name, slug, "updatedAt") VALUES ($1, $1, $1, now())`, [teamId]);
  await client.query(
    `INSERT INTO "Document" (id, "teamId", name, "mimeType", "sizeBytes", "storageKey", sha256, status, "chunkCount", "updatedAt")
     VALUES ($1, $2, 'bench.md', 'text/markdown', 1, $1, $1, 'READY', $3, now())`,
    [documentId, teamId, n],
  );
  return { teamId, documentId };
}

/**
 * pgvector data: row g = centre[g % 100] + noise[(g / 100) % 1000], added in the
 * database (vector + vector), so only 1,100 vectors cross the wire.
 */
async function seedClustered(client: pg.Client, data: Data, n: number): Promise<string> {
  const { teamId, documentId } = await createTeamAndDocument(client, n);
  await client.query(`CREATE TEMP TABLE bench_center (i int PRIMARY KEY, v vector); CREATE TEMP TABLE bench_noise (i int PRIMARY KEY, v vector)`);
  for (const [table, vectors] of [["bench_center", data.centers], ["bench_noise", data.noises]] as const) {
    for (let i = 0; i < vectors.length; i += 100) {
      const slice = vectors.slice(i, i + 100);
      await client.query(`INSERT INTO ${table} (i, v) SELECT i, v::vector FROM unnest($1::int[], $2::text[]) AS t(i, v)`, [
        slice.map((_, j) => i + j),
        slice.map(asVector),
      ]);
    }
  }
  await client.query(
    `INSERT INTO "DocumentChunk" (id, "teamId", "documentId", "index", content, "tokenCount", "embeddingVec", "embeddingModel")
     SELECT $1 || '-' || g, $1, $2, g, 'Synthetic chunk ' || g, 3, c.v + z.v, $3
     FROM generate_series(0, $4::int - 1) AS g
     JOIN bench_center c ON c.i = g % ${CENTERS}
     JOIN bench_noise z ON z.i = (g / ${CENTERS}) % ${NOISES}`,
    [teamId, documentId, MODEL, n],
  );
  await client.query(`DROP TABLE bench_center; DROP TABLE bench_noise`);
  return teamId;
}

/**
 * Portable data: uniform random real[] generated by PostgreSQL itself (an exact
 * scan costs the same whatever the vectors look like, and element-wise sums of
 * real[] in SQL are several times slower to generate).
 */
async function seedRandom(client: pg.Client, n: number): Promise<string> {
  const { teamId, documentId } = await createTeamAndDocument(client, n);
  await client.query(`SELECT setseed(0.42)`);
  await client.query(
    `INSERT INTO "DocumentChunk" (id, "teamId", "documentId", "index", content, "tokenCount", embedding, "embeddingModel")
     SELECT $1 || '-' || g, $1, $2, g, 'Synthetic chunk ' || g, 3,
            ARRAY(SELECT (random() * 2 - 1)::real FROM generate_series(1, ${DIMS}) WHERE g >= 0), $3
     FROM generate_series(0, $4::int - 1) AS g`,
    [teamId, documentId, MODEL, n],
  );
  return teamId;
}

async function measure(backend: VectorBackend, teamId: string, data: Data, queries: number, warmup: number, offset = 0) {
  const samples: number[] = [];
  const results: string[][] = [];
  for (let q = 0; q < warmup + queries; q++) {
    const vector = queryVector(data, offset + q);
    const t0 = performance.now();
    const hits = await backend.search({ teamId, embeddingModel: MODEL, vector, k: K });
    const ms = performance.now() - t0;
    if (hits.length !== K) throw new Error(`${backend.kind}: expected ${K} results, got ${hits.length}`);
    if (q >= warmup) {
      samples.push(ms);
      results.push(hits.map((h) => h.chunkId));
    }
  }
  return { samples: samples.sort((a, b) => a - b), results };
}

/** The built PGlite database for `n` chunks: reused when complete and of this data version, else (re)built. */
async function pgliteFor(n: number, data: Data): Promise<{ db: EmbeddedDatabase; teamId: string; setup: string }> {
  const dataDir = path.join(ROOT, ".data/bench", `rag-pgvector-v${DATA_VERSION}-${n}`);
  if (existsSync(dataDir)) {
    const db = await startEmbeddedDatabase({ dataDir, port: await freePort() });
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const ready = await client
      .query<{ n: number }>(`SELECT n FROM bench_rag_meta WHERE version = $1`, [DATA_VERSION])
      .then((r) => r.rows[0]?.n === n)
      .catch(() => false);
    await client.end();
    if (ready) return { db, teamId: `bench-rag-${n}`, setup: "reused from .data/bench" };
    await db.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  mkdirSync(dataDir, { recursive: true });
  const started = performance.now();
  const db = await startEmbeddedDatabase({ dataDir, port: await freePort() });
  await applyMigrations(db.url, { quiet: true });
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  // Bulk-build the index after loading (as CREATE INDEX on an existing table would), same definition as the migration.
  await client.query(`DROP INDEX "DocumentChunk_embeddingVec_hnsw"`);
  const teamId = await seedClustered(client, data, n);
  const loaded = performance.now();
  await client.query(`SET maintenance_work_mem = '768MB'`);
  await client.query(`CREATE INDEX "DocumentChunk_embeddingVec_hnsw" ON "DocumentChunk" USING hnsw ("embeddingVec" vector_cosine_ops)`);
  await client.query(`ANALYZE "DocumentChunk"`);
  await client.query(`CREATE TABLE bench_rag_meta (version int, n int); INSERT INTO bench_rag_meta VALUES (${DATA_VERSION}, ${n})`);
  await client.end();
  const built = performance.now();
  return {
    db,
    teamId,
    setup: `built: load ${((loaded - started) / 1000).toFixed(0)} s, HNSW ${((built - loaded) / 1000).toFixed(0)} s`,
  };
}

/** Exact top-5 on the same data: the HNSW index switched off, so PostgreSQL scans and sorts every row. */
async function exactTopK(pool: ContextPool, teamId: string, vector: number[]): Promise<string[]> {
  return withTeamTransaction(
    pool,
    teamId,
    async (client) =>
      (
        await client.query<{ id: string }>(
          `SELECT id FROM "DocumentChunk" WHERE "teamId" = $1 AND "embeddingModel" = $2 ORDER BY "embeddingVec" <=> $3::vector LIMIT ${K}`,
          [teamId, MODEL, `[${vector.join(",")}]`],
        )
      ).rows.map((r) => r.id),
    "BEGIN READ ONLY; SET LOCAL enable_indexscan = off; SET LOCAL enable_bitmapscan = off",
  );
}

async function benchPgvector(sizes: number[], data: Data): Promise<Row[]> {
  const rows: Row[] = [];
  for (const n of sizes) {
    const { db, teamId, setup } = await pgliteFor(n, data);
    const pool = createPool(db.url, { max: 1, appRole: "eb_app" });
    try {
      const backend = createPgvectorBackend(pool);
      const queries = 200;
      const { samples, results } = await measure(backend, teamId, data, queries, 20);
      const recallQueries = n >= 100_000 ? 30 : 100;
      let found = 0;
      for (let q = 0; q < recallQueries; q++) {
        const exact = new Set(await exactTopK(pool, teamId, queryVector(data, 20 + q)));
        found += (results[q] ?? []).filter((id) => exact.has(id)).length;
      }
      rows.push({
        backend: `pgvector HNSW, PGlite (ef_search ${HNSW_EF_SEARCH})`,
        chunks: n,
        setup,
        samples,
        recall: `${(found / (recallQueries * K)).toFixed(3)} (${recallQueries} q)`,
      });
    } finally {
      await pool.end();
      await db.stop();
    }
  }
  return rows;
}

async function benchPortable(sizes: number[], data: Data, serverUrl: string): Promise<Row[]> {
  const name = `ebos_bench_rag_${Date.now()}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const rows: Row[] = [];
  const pool = createPool(url.toString(), { max: 2, appRole: "eb_app" });
  try {
    await applyMigrations(url.toString(), { quiet: true });
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    const teams = new Map<number, { teamId: string; loadS: number }>();
    for (const n of sizes) {
      const t0 = performance.now();
      const teamId = await seedRandom(client, n);
      teams.set(n, { teamId, loadS: (performance.now() - t0) / 1000 });
    }
    await client.query(`ANALYZE "DocumentChunk"`);
    await client.end();

    for (const n of sizes) {
      const { teamId, loadS } = teams.get(n)!;
      const streaming = createPortableBackend(pool, { cacheBytes: 0 });
      const streamed = await measure(streaming, teamId, data, n >= 100_000 ? 5 : 15, 1);
      rows.push({ backend: "portable, streaming (PostgreSQL 15)", chunks: n, setup: `loaded in ${loadS.toFixed(0)} s`, samples: streamed.samples, recall: "1 (exact)" });

      const cached = createPortableBackend(pool, { cacheBytes: 1024 * 1024 * 1024 });
      const t0 = performance.now();
      await cached.search({ teamId, embeddingModel: MODEL, vector: queryVector(data, 0), k: K });
      const fill = (performance.now() - t0) / 1000;
      const warm = await measure(cached, teamId, data, 100, 5);
      // The cached path must give the streaming path's answers (both exact).
      for (let q = 0; q < streamed.results.length; q++) {
        const again = await cached.search({ teamId, embeddingModel: MODEL, vector: queryVector(data, 1 + q), k: K });
        if (again.map((h) => h.chunkId).join() !== streamed.results[q]?.join()) throw new Error("portable: cached and streamed results differ");
      }
      rows.push({
        backend: "portable, cached vectors (PostgreSQL 15)",
        chunks: n,
        setup: `first search filled the cache in ${fill.toFixed(1)} s`,
        samples: warm.samples,
        recall: "1 (exact)",
      });
    }
  } finally {
    await pool.end();
    const drop = new pg.Client({ connectionString: serverUrl });
    await drop.connect();
    await drop.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await drop.end();
  }
  return rows;
}

export async function runRagBench(options: { serverUrl: string }): Promise<void> {
  const sizes = (process.env.BENCH_RAG_SIZES ?? "10000,100000")
    .split(",")
    .map((s) => Number(s.trim()))
    .filter((n) => Number.isInteger(n) && n >= 1000 && n <= 1_000_000);
  if (sizes.length === 0) throw new Error("BENCH_RAG_SIZES must list chunk counts between 1000 and 1000000, e.g. 10000,100000.");
  console.log(`\n3. RAG retrieval: top-${K} over synthetic ${DIMS}-dimension chunks of one team (${sizes.map((n) => n.toLocaleString("en-US")).join(" and ")})`);
  const data = makeData();
  const started = performance.now();
  const backends = (process.env.BENCH_RAG_BACKENDS ?? "pgvector,portable").split(",").map((b) => b.trim());
  const rows = [
    ...(backends.includes("pgvector") ? await benchPgvector(sizes, data) : []),
    ...(backends.includes("portable") ? await benchPortable(sizes, data, options.serverUrl) : []),
  ];
  const header = `  ${"backend".padEnd(44)} ${"chunks".padStart(8)} ${"p50 ms".padStart(9)} ${"p99 ms".padStart(9)} ${"queries".padStart(8)}  ${"recall@5".padEnd(16)} setup`;
  console.log(header);
  for (const row of rows) {
    console.log(
      `  ${row.backend.padEnd(44)} ${row.chunks.toLocaleString("en-US").padStart(8)} ${percentile(row.samples, 50).toFixed(1).padStart(9)} ${percentile(row.samples, 99).toFixed(1).padStart(9)} ${String(row.samples.length).padStart(8)}  ${row.recall.padEnd(16)} ${row.setup}`,
    );
  }
  console.log(`  (RAG section took ${((performance.now() - started) / 1000).toFixed(0)} s)`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  runRagBench({ serverUrl: process.env.BENCH_DATABASE_SERVER_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres" }).catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
