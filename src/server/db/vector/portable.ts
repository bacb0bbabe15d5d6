import pg from "pg";
import { z } from "zod";
import type { ContextPool } from "../context-pool";
import { EMBEDDING_DIMENSIONS } from "../../services/ai/types";
import { parseArrayInto, VectorCache, VectorMatrix, type Fingerprint } from "./portable-cache";
import { withTeamTransaction } from "./team-connection";
import { assertSearchInput, type VectorBackend, type VectorHit, type VectorSearchInput } from "./types";

/**
 * Exact cosine search over DocumentChunk.embedding (real[]) for servers without
 * pgvector (e.g. Debian's PostgreSQL 15). Raw SQL because rows are streamed.
 *
 * Measured on a 2-core machine (768 dimensions): computing the cosine in SQL
 * (unnest of both arrays + sum per row) took 1.3 s for 10k rows and 11–13 s for
 * 100k; streaming (id, embedding) to Node and keeping a bounded top-k took 1.0 s
 * and 10.5–12 s. Both are dominated by per-element work in PostgreSQL (array
 * output or unnest); streaming is a little faster and uses both cores (the server
 * formats while Node parses), so it is the one used. Memory stays bounded: rows
 * are scored as they arrive and only the k best are kept; content is fetched for
 * those k afterwards. (node-postgres cannot receive binary results, which would
 * have halved the server's share.)
 *
 * Because the streaming itself is the cost, the vectors read by a search are kept
 * in memory (portable-cache.ts, VECTOR_CACHE_MB, default 256; 0 turns it off) and
 * reused while the team's rows are unchanged — checked on every search with a
 * fingerprint read in the same snapshot, so results stay exact.
 */

type Candidate = { id: string; score: number };

/** A min-heap of the k best candidates: the root is the worst one kept. */
export class TopK {
  private readonly heap: Candidate[] = [];

  constructor(private readonly k: number) {}

  /** Ties are broken by id so results are deterministic. */
  private static worse(a: Candidate, b: Candidate): boolean {
    return a.score < b.score || (a.score === b.score && a.id > b.id);
  }

  offer(candidate: Candidate): void {
    const heap = this.heap;
    if (heap.length < this.k) {
      heap.push(candidate);
      let i = heap.length - 1;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!TopK.worse(heap[i]!, heap[parent]!)) break;
        [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
        i = parent;
      }
      return;
    }
    if (!TopK.worse(heap[0]!, candidate)) return;
    heap[0] = candidate;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < heap.length && TopK.worse(heap[left]!, heap[smallest]!)) smallest = left;
      if (right < heap.length && TopK.worse(heap[right]!, heap[smallest]!)) smallest = right;
      if (smallest === i) break;
      [heap[i], heap[smallest]] = [heap[smallest]!, heap[i]!];
      i = smallest;
    }
  }

  /** Best first. */
  sorted(): Candidate[] {
    return [...this.heap].sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
}

// Every column arrives as its text form: the embedding is parsed by parseArrayInto, not by pg's array parser.
const RAW_TEXT: pg.CustomTypesConfig = { getTypeParser: () => (value: string) => value };

const ROWS_WHERE = `"teamId" = $1 AND "embeddingModel" = $2 AND embedding IS NOT NULL`;

const SCAN_SQL = `
SELECT id, embedding
FROM "DocumentChunk"
WHERE ${ROWS_WHERE}
  AND ($3::text[] IS NULL OR "documentId" = ANY($3::text[]))`;

// What identifies the exact set of rows a cached matrix was built from (see portable-cache.ts).
const FINGERPRINT_SQL = `
SELECT count(*)::int AS count,
       coalesce(sum(hashtext(id)), 0)::text AS "idHash",
       coalesce(sum(xmin::text::bigint), 0)::text AS "xminSum"
FROM "DocumentChunk"
WHERE ${ROWS_WHERE}`;

const DETAILS_SQL = `
SELECT c.id, c."documentId", d.name AS "documentName", c.content, c."index", c.page, c.section
FROM "DocumentChunk" c
JOIN "Document" d ON d.id = c."documentId" AND d."teamId" = $1 AND d.status = 'READY'
WHERE c."teamId" = $1 AND c.id = ANY($2::text[])`;

type DetailRow = Omit<VectorHit, "chunkId" | "score"> & { id: string };

/** Streams the team's rows through `onRow` without accumulating them (a pg.Query with a row listener keeps none). */
function streamRows(client: pg.PoolClient, input: VectorSearchInput, documentIds: readonly string[] | null, onRow: (id: string, embedding: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const stream = new pg.Query({
      text: SCAN_SQL,
      values: [input.teamId, input.embeddingModel, documentIds ? [...documentIds] : null],
      types: RAW_TEXT,
    });
    stream.on("row", (row: { id: string; embedding: string }) => onRow(row.id, row.embedding));
    stream.on("error", reject);
    stream.on("end", () => resolve());
    client.query(stream);
  });
}

/** Scores rows as they arrive, keeping only the k best. */
async function streamTopK(client: pg.PoolClient, input: VectorSearchInput, query: Float64Array, queryNorm: number): Promise<Candidate[]> {
  const top = new TopK(input.k);
  const scratch = new Float32Array(query.length);
  await streamRows(client, input, input.documentIds ?? null, (id, embedding) => {
    const norm = parseArrayInto(embedding, scratch, 0, query.length);
    if (norm === 0) return;
    let dot = 0;
    for (let d = 0; d < query.length; d++) dot += scratch[d]! * query[d]!;
    top.offer({ id, score: dot / (norm * queryNorm) });
  });
  return top.sorted();
}

const ZCacheMegabytes = z.coerce.number().int().min(0).max(64 * 1024);

/** VECTOR_CACHE_MB: memory for cached vectors per process (default 256; 0 disables the cache). */
export function vectorCacheBytes(env: Readonly<Record<string, string | undefined>> = process.env): number {
  const raw = env.VECTOR_CACHE_MB?.trim();
  if (!raw) return 256 * 1024 * 1024;
  const parsed = ZCacheMegabytes.safeParse(raw);
  if (!parsed.success) throw new Error("Invalid configuration: VECTOR_CACHE_MB must be a whole number of megabytes (0 disables the cache).");
  return parsed.data * 1024 * 1024;
}

export type PortableBackendOptions = {
  /** Bytes of vectors kept in memory across searches; 0 = stream every search. */
  cacheBytes?: number;
};

export function createPortableBackend(
  pool: ContextPool,
  options: PortableBackendOptions = {},
): VectorBackend & { cache: VectorCache | null; stats: { builds: number } } {
  const cacheBytes = options.cacheBytes ?? vectorCacheBytes();
  const cache = cacheBytes > 0 ? new VectorCache(cacheBytes) : null;
  // One cache build at a time: a build's matrix is allocated before the cache can
  // evict for it, so concurrent cold searches (many teams at once) would each hold
  // up to the whole budget. The others stream meanwhile, in constant memory.
  let building = false;
  const stats = { builds: 0 };

  /** The k best candidates, from the cache when it holds exactly these rows, else by streaming (and caching when they fit). */
  async function rank(client: pg.PoolClient, input: VectorSearchInput, query: Float64Array, queryNorm: number): Promise<Candidate[]> {
    // A search limited to some documents is rare and small: streamed with the filter in SQL.
    if (!cache || input.documentIds) return streamTopK(client, input, query, queryNorm);
    const fingerprint = (await client.query<Fingerprint>(FINGERPRINT_SQL, [input.teamId, input.embeddingModel])).rows[0];
    if (!fingerprint || fingerprint.count === 0) return [];
    const key = `${input.teamId}\u0000${input.embeddingModel}`;
    let matrix = cache.get(key, fingerprint);
    if (!matrix) {
      if (building || !cache.fits(fingerprint.count, EMBEDDING_DIMENSIONS)) return streamTopK(client, input, query, queryNorm);
      building = true;
      stats.builds++;
      try {
        const fresh = new VectorMatrix(fingerprint.count, EMBEDDING_DIMENSIONS);
        await streamRows(client, input, null, (id, embedding) => {
          fresh.addFromText(id, embedding);
        });
        // Same snapshot as the fingerprint (REPEATABLE READ): the rows are exactly those it describes.
        cache.set(key, fingerprint, fresh);
        matrix = fresh;
      } finally {
        building = false;
      }
    }
    const top = new TopK(input.k);
    matrix.scan(query, queryNorm, (id, score) => top.offer({ id, score }));
    return top.sorted();
  }

  return {
    kind: "portable",
    cache,
    stats,

    async search(input: VectorSearchInput): Promise<VectorHit[]> {
      assertSearchInput(input);
      const query = Float64Array.from(input.vector);
      const queryNorm = Math.sqrt(query.reduce((sum, x) => sum + x * x, 0));
      if (queryNorm === 0) return [];
      // One snapshot for the fingerprint, the scan and the details.
      return withTeamTransaction(
        pool,
        input.teamId,
        async (client) => {
          const best = await rank(client, input, query, queryNorm);
          if (best.length === 0) return [];
          const details = await client.query<DetailRow>(DETAILS_SQL, [input.teamId, best.map((c) => c.id)]);
          const byId = new Map(details.rows.map((row) => [row.id, row]));
          return best.flatMap(({ id, score }) => {
            const row = byId.get(id);
            if (!row) return [];
            return [
              {
                chunkId: id,
                documentId: row.documentId,
                documentName: row.documentName,
                content: row.content,
                index: Number(row.index),
                page: row.page === null ? null : Number(row.page),
                section: row.section,
                score,
              },
            ];
          });
        },
        "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
      );
    },

    // The portable backend reads `embedding` itself: nothing to copy.
    async indexChunks(_teamId: string, chunkIds: readonly string[]): Promise<number> {
      return chunkIds.length;
    },
  };
}
