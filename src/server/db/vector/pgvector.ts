import type { ContextPool } from "../context-pool";
import { EMBEDDING_DIMENSIONS } from "../../services/ai/types";
import { withTeamConnection, withTeamTransaction } from "./team-connection";
import { assertSearchInput, vectorLiteral, type VectorBackend, type VectorHit, type VectorSearchInput } from "./types";

/**
 * Vector search with pgvector: "embeddingVec" vector(768) with an HNSW index over
 * cosine distance (created by the migration where the extension exists; Prisma has
 * no vector type, hence raw SQL here).
 *
 * The team and model filters are applied while the index is walked. Plain HNSW
 * stops after ef_search candidates, and with most of them belonging to other
 * teams it would return fewer than k rows; pgvector 0.8's iterative scan keeps
 * walking until k rows pass the filter (relaxed_order: results may come slightly
 * out of order, so they are sorted again outside the CTE). When a team has few
 * chunks the planner prefers the (teamId, embeddingModel) index and an exact sort.
 */
export const HNSW_EF_SEARCH = 100;

// Constants only: sent in one simple-protocol round trip with BEGIN. pgvector
// before 0.8 has no iterative scan (and refuses the setting): there the larger
// ef_search is the only defence against a filter starving the results.
const BEGIN_SEARCH = `BEGIN READ ONLY; SET LOCAL hnsw.ef_search = ${HNSW_EF_SEARCH}; SET LOCAL hnsw.iterative_scan = relaxed_order`;
const BEGIN_SEARCH_PRE_0_8 = `BEGIN READ ONLY; SET LOCAL hnsw.ef_search = ${HNSW_EF_SEARCH}`;

/** Whether this pgvector version (extversion, e.g. "0.8.0") has iterative index scans. */
export function supportsIterativeScan(version: string): boolean {
  const [major = 0, minor = 0] = version.split(".").map((part) => Number.parseInt(part, 10));
  return major > 0 || minor >= 8;
}

type HitRow = {
  id: string;
  documentId: string;
  documentName: string;
  content: string;
  index: number;
  page: number | null;
  section: string | null;
  distance: number;
};

const SEARCH_SQL = `
WITH nearest AS MATERIALIZED (
  SELECT c.id, c."documentId", c.content, c."index", c.page, c.section,
         c."embeddingVec" <=> $1::vector AS distance
  FROM "DocumentChunk" c
  WHERE c."teamId" = $2
    AND c."embeddingModel" = $3
    AND c."embeddingVec" IS NOT NULL
    AND ($5::text[] IS NULL OR c."documentId" = ANY($5::text[]))
  ORDER BY c."embeddingVec" <=> $1::vector
  LIMIT $4
)
SELECT n.id, n."documentId", d.name AS "documentName", n.content, n."index", n.page, n.section, n.distance::float8 AS distance
FROM nearest n
-- Only documents whose ingestion finished: chunks are committed (and indexed) before
-- the document is marked READY, and a FAILED document's chunks are not answers.
JOIN "Document" d ON d.id = n."documentId" AND d."teamId" = $2 AND d.status = 'READY'
ORDER BY n.distance, n.id`;

// Copies the portable column into the indexed one. Rows of another width cannot
// be cast to vector(768): they are left out (and stay unsearchable) rather than
// failing the whole batch.
const INDEX_SQL = `
UPDATE "DocumentChunk"
SET "embeddingVec" = embedding::vector
WHERE "teamId" = $1 AND id = ANY($2::text[]) AND cardinality(embedding) = ${EMBEDDING_DIMENSIONS}`;

const INDEX_BATCH = 500;

export function createPgvectorBackend(pool: ContextPool, options: { iterativeScan?: boolean } = {}): VectorBackend {
  const begin = options.iterativeScan === false ? BEGIN_SEARCH_PRE_0_8 : BEGIN_SEARCH;
  return {
    kind: "pgvector",

    async search(input: VectorSearchInput): Promise<VectorHit[]> {
      assertSearchInput(input);
      const rows = await withTeamTransaction(
        pool,
        input.teamId,
        async (client) =>
          (
            await client.query<HitRow>(SEARCH_SQL, [
              vectorLiteral(input.vector),
              input.teamId,
              input.embeddingModel,
              input.k,
              input.documentIds ? [...input.documentIds] : null,
            ])
          ).rows,
        begin,
      );
      return rows.map((row) => ({
        chunkId: row.id,
        documentId: row.documentId,
        documentName: row.documentName,
        content: row.content,
        index: row.index,
        page: row.page,
        section: row.section,
        score: 1 - Number(row.distance),
      }));
    },

    async indexChunks(teamId: string, chunkIds: readonly string[]): Promise<number> {
      if (chunkIds.length === 0) return 0;
      return withTeamConnection(pool, teamId, async (client) => {
        let indexed = 0;
        for (let i = 0; i < chunkIds.length; i += INDEX_BATCH) {
          const result = await client.query(INDEX_SQL, [teamId, chunkIds.slice(i, i + INDEX_BATCH)]);
          indexed += result.rowCount ?? 0;
        }
        return indexed;
      });
    },
  };
}
