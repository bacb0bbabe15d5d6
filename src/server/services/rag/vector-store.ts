import { Document, type DocumentInterface } from "@langchain/core/documents";
import { Embeddings, type EmbeddingsInterface } from "@langchain/core/embeddings";
import { VectorStore } from "@langchain/core/vectorstores";
import { z } from "zod";
import type { ContextPool } from "@/server/db/context-pool";
import type { TenantClient } from "@/server/db/tenant-client";
import { vectorBackendFor, type VectorBackend, type VectorHit } from "@/server/db/vector";
import { DomainError } from "@/server/errors";
import { getAiGateway, type AiGateway } from "../ai/gateway";
import { EMBEDDING_DIMENSIONS, type AiCaller } from "../ai/types";

/**
 * The company knowledge base as a LangChain VectorStore, one instance per team.
 * Reads go to the vector backend (pgvector or the portable store, chosen once per
 * process, see src/server/db/vector); writes go through the team's tenant Prisma
 * client. Every search is limited to the team and to the embedding model that
 * produced the query vector.
 */

export type ChunkMetadata = {
  chunkId: string;
  documentId: string;
  documentName: string;
  index: number;
  page: number | null;
  section: string | null;
};

export type TeamVectorStoreFilter = { documentIds?: string[] };

/** What addVectors needs to know about each chunk besides its text and vector. */
const ZChunkInput = z.object({
  documentId: z.string().min(1).max(64),
  index: z.number().int().min(0),
  page: z.number().int().min(1).nullish(),
  section: z.string().max(500).nullish(),
  tokenCount: z.number().int().min(0).optional(),
});

export type TeamVectorStoreOptions = {
  teamId: string;
  /** The team's tenant client: chunk writes and deletes go through it. */
  db: TenantClient;
  backend: VectorBackend;
  /** The model the embeddings below produce; stored with each chunk and required to match on search. */
  embeddingModel: string;
};

function assertUsableVectors(vectors: number[][]): void {
  if (vectors.some((v) => v.length !== EMBEDDING_DIMENSIONS || !v.every((x) => Number.isFinite(x)))) {
    throw new DomainError("AI_UNAVAILABLE", "The AI service returned an unusable embedding. Please try again in a moment.");
  }
}

export class TeamVectorStore extends VectorStore {
  declare FilterType: TeamVectorStoreFilter;

  readonly teamId: string;
  private readonly db: TenantClient;
  private readonly backend: VectorBackend;
  readonly embeddingModel: string;

  constructor(embeddings: EmbeddingsInterface, options: TeamVectorStoreOptions) {
    super(embeddings, {});
    this.teamId = options.teamId;
    this.db = options.db;
    this.backend = options.backend;
    this.embeddingModel = options.embeddingModel;
  }

  // Called by VectorStore's constructor (for lc_namespace), before this class's fields exist: a constant.
  _vectorstoreType(): string {
    return "ebos-team";
  }

  /** Which backend answers this store's searches. */
  get backendKind(): VectorBackend["kind"] {
    return this.backend.kind;
  }

  /**
   * Stores chunks of existing documents (metadata.documentId and metadata.index
   * are required) and makes them searchable. Returns the new chunk ids in input order.
   */
  async addVectors(vectors: number[][], documents: DocumentInterface[]): Promise<string[]> {
    if (vectors.length !== documents.length) {
      throw new DomainError("BAD_REQUEST", "Each chunk needs exactly one vector.");
    }
    if (documents.length === 0) return [];
    assertUsableVectors(vectors);
    const inputs = documents.map((document) => {
      const parsed = ZChunkInput.safeParse(document.metadata);
      if (!parsed.success) {
        throw new DomainError("BAD_REQUEST", "Each chunk needs its document id and position (metadata.documentId, metadata.index).");
      }
      return { ...parsed.data, content: document.pageContent };
    });
    const rows = await this.db.documentChunk.createManyAndReturn({
      data: inputs.map((input, i) => ({
        documentId: input.documentId,
        index: input.index,
        content: input.content,
        page: input.page ?? null,
        section: input.section ?? null,
        // About four characters per token: a budget, not a bill.
        tokenCount: input.tokenCount ?? Math.ceil(input.content.length / 4),
        embedding: vectors[i] ?? [],
        embeddingModel: this.embeddingModel,
      })),
      select: { id: true, documentId: true, index: true },
    });
    const idOf = new Map(rows.map((row) => [`${row.documentId}\u0000${row.index}`, row.id]));
    const ids = inputs.map((input) => idOf.get(`${input.documentId}\u0000${input.index}`) ?? "");
    await this.backend.indexChunks(this.teamId, ids);
    return ids;
  }

  async addDocuments(documents: DocumentInterface[]): Promise<string[]> {
    const vectors = await this.embeddings.embedDocuments(documents.map((document) => document.pageContent));
    return this.addVectors(vectors, documents);
  }

  async similaritySearchVectorWithScore(
    query: number[],
    k: number,
    filter?: TeamVectorStoreFilter,
  ): Promise<Array<[DocumentInterface<ChunkMetadata>, number]>> {
    const hits = await this.backend.search({
      teamId: this.teamId,
      embeddingModel: this.embeddingModel,
      vector: query,
      k,
      documentIds: filter?.documentIds,
    });
    return hits.map((hit) => [hitToDocument(hit), hit.score]);
  }

  /** Deletes chunks of this team by id (others' ids match nothing). */
  async delete(params?: { ids?: string[] }): Promise<void> {
    const ids = params?.ids ?? [];
    if (ids.length === 0) return;
    await this.db.documentChunk.deleteMany({ where: { id: { in: ids } } });
  }
}

export function hitToDocument(hit: VectorHit): DocumentInterface<ChunkMetadata> {
  return new Document<ChunkMetadata>({
    id: hit.chunkId,
    pageContent: hit.content,
    metadata: {
      chunkId: hit.chunkId,
      documentId: hit.documentId,
      documentName: hit.documentName,
      index: hit.index,
      page: hit.page,
      section: hit.section,
    },
  });
}

/**
 * LangChain embeddings that go through the AI gateway on behalf of a caller, so
 * quota, PII masking, the circuit breaker and usage records apply to them too.
 */
export class GatewayEmbeddings extends Embeddings {
  constructor(
    private readonly gateway: AiGateway,
    private readonly aiCaller: AiCaller,
  ) {
    super({});
  }

  embedDocuments(texts: string[]): Promise<number[][]> {
    return this.gateway.embedDocuments(this.aiCaller, texts);
  }

  embedQuery(text: string): Promise<number[]> {
    return this.gateway.embedQuery(this.aiCaller, text);
  }
}

export type SearchOptions = {
  /** Defaults to the gateway's current embedding model. */
  embeddingModel?: string;
  documentIds?: string[];
};

/** The knowledge base of every team: what ingestion and chat use. */
export type RagVectorStore = {
  backend(): Promise<VectorBackend>;
  /** Makes freshly written chunks searchable (pgvector: fills the indexed column; portable: nothing to do). Call after their transaction committed. */
  indexChunks(teamId: string, chunkIds: readonly string[]): Promise<number>;
  search(teamId: string, queryVector: readonly number[], k: number, options?: SearchOptions): Promise<VectorHit[]>;
  /** The LangChain view of one team's chunks, embedding through the gateway as `caller`. */
  forTeam(caller: AiCaller, db: TenantClient): Promise<TeamVectorStore>;
};

export function createRagVectorStore(deps: { backend: () => Promise<VectorBackend>; gateway?: () => AiGateway }): RagVectorStore {
  const gateway = deps.gateway ?? getAiGateway;
  return {
    backend: deps.backend,
    async indexChunks(teamId, chunkIds) {
      return (await deps.backend()).indexChunks(teamId, chunkIds);
    },
    async search(teamId, queryVector, k, options = {}) {
      const backend = await deps.backend();
      return backend.search({
        teamId,
        embeddingModel: options.embeddingModel ?? gateway().embeddingModel(),
        vector: queryVector,
        k,
        documentIds: options.documentIds,
      });
    },
    async forTeam(caller, db) {
      const current = gateway();
      return new TeamVectorStore(new GatewayEmbeddings(current, caller), {
        teamId: caller.teamId,
        db,
        backend: await deps.backend(),
        embeddingModel: current.embeddingModel(),
      });
    },
  };
}

/** The store on a given pool (tests, the benchmark); the app uses getVectorStore(). */
export function vectorStoreOnPool(pool: ContextPool, gateway?: () => AiGateway): RagVectorStore {
  return createRagVectorStore({ backend: () => vectorBackendFor(pool), gateway });
}

/** The app's store: its pool, the backend detected once per process. */
export function getVectorStore(): RagVectorStore {
  return createRagVectorStore({ backend: () => vectorBackendFor() });
}
