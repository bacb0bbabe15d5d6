import { EMBEDDING_DIMENSIONS } from "../../services/ai/types";
import { DomainError } from "../../errors";

/**
 * What the two vector backends share. Both answer "the k chunks of this team,
 * embedded by this model, nearest to this vector by cosine", and both run their
 * SQL inside the team's database context (RLS) while also filtering by team id
 * themselves: two walls, either one enough to keep teams apart.
 */
export type VectorBackendKind = "pgvector" | "portable";

export type VectorSearchInput = {
  teamId: string;
  /** Only chunks embedded by this model are compared (vectors of two models do not share a space). */
  embeddingModel: string;
  vector: readonly number[];
  k: number;
  /** Restricts the search to these documents (of the same team). */
  documentIds?: readonly string[];
};

export type VectorHit = {
  chunkId: string;
  documentId: string;
  documentName: string;
  content: string;
  /** The chunk's position in its document. */
  index: number;
  page: number | null;
  section: string | null;
  /** Cosine similarity, 1 = same direction. */
  score: number;
};

export type VectorBackend = {
  kind: VectorBackendKind;
  search(input: VectorSearchInput): Promise<VectorHit[]>;
  /**
   * Makes freshly written chunks searchable. pgvector copies `embedding` into
   * "embeddingVec" (the indexed column); the portable backend reads `embedding`
   * directly and has nothing to do. Returns how many chunks are now indexed.
   * Call it after the transaction that wrote the chunks has committed: it uses a
   * connection of its own.
   */
  indexChunks(teamId: string, chunkIds: readonly string[]): Promise<number>;
};

/** The most neighbours one search may ask for. */
export const MAX_K = 100;

/** Checks a search before any SQL runs: a bad vector is a provider fault, not something to send to the database. */
export function assertSearchInput(input: VectorSearchInput): void {
  if (input.vector.length !== EMBEDDING_DIMENSIONS || !input.vector.every((x) => Number.isFinite(x))) {
    throw new DomainError("AI_UNAVAILABLE", "The AI service returned an unusable embedding. Please try again in a moment.");
  }
  if (!Number.isInteger(input.k) || input.k < 1 || input.k > MAX_K) {
    throw new DomainError("INTERNAL", "A vector search asked for an invalid number of results.");
  }
  if (typeof input.teamId !== "string" || input.teamId.length === 0) {
    throw new DomainError("INTERNAL", "A vector search needs a team id.");
  }
}

export function vectorLiteral(vector: readonly number[]): string {
  return `[${vector.join(",")}]`;
}
