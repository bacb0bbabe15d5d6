import { z } from "zod";
import type { ContextPool } from "../context-pool";
import { getPool } from "../client";
import { createPgvectorBackend, supportsIterativeScan } from "./pgvector";
import { createPortableBackend } from "./portable";
import type { VectorBackend, VectorBackendKind } from "./types";

export type { VectorBackend, VectorBackendKind, VectorHit, VectorSearchInput } from "./types";
export { createPgvectorBackend } from "./pgvector";
export { createPortableBackend } from "./portable";

/**
 * Which backend a database gets, decided once per pool (so once per process for
 * the app's pool): pgvector when the migration could add DocumentChunk."embeddingVec"
 * (the server had the extension), the portable store otherwise.
 * VECTOR_STORE=portable forces the portable store (e.g. to compare them);
 * VECTOR_STORE=pgvector insists on pgvector and fails when the column is missing.
 */
const ZVectorStoreSetting = z.enum(["auto", "pgvector", "portable"]).default("auto");

// A catalog lookup (no tenant rows involved): raw SQL because Prisma's schema does not know the column.
const HAS_VECTOR_COLUMN_SQL = `
SELECT EXISTS (
  SELECT 1 FROM pg_attribute
  WHERE attrelid = to_regclass('"DocumentChunk"') AND attname = 'embeddingVec' AND NOT attisdropped
) AS present,
(SELECT extversion FROM pg_extension WHERE extname = 'vector') AS version`;

async function inspect(pool: ContextPool): Promise<{ present: boolean; version: string | null }> {
  const row = (await pool.query<{ present: boolean; version: string | null }>(HAS_VECTOR_COLUMN_SQL)).rows[0];
  return { present: row?.present === true, version: row?.version ?? null };
}

export async function hasVectorColumn(pool: ContextPool): Promise<boolean> {
  return (await inspect(pool)).present;
}

export function vectorStoreSetting(env: Readonly<Record<string, string | undefined>> = process.env): "auto" | VectorBackendKind {
  const parsed = ZVectorStoreSetting.safeParse(env.VECTOR_STORE?.trim() || undefined);
  if (!parsed.success) throw new Error("Invalid configuration: VECTOR_STORE must be auto, pgvector or portable.");
  return parsed.data;
}

export async function detectVectorBackend(pool: ContextPool, setting = vectorStoreSetting()): Promise<VectorBackend> {
  if (setting === "portable") return createPortableBackend(pool);
  const { present, version } = await inspect(pool);
  if (present) return createPgvectorBackend(pool, { iterativeScan: version !== null && supportsIterativeScan(version) });
  if (setting === "pgvector") {
    throw new Error('VECTOR_STORE=pgvector, but DocumentChunk has no "embeddingVec" column: the database was migrated without the pgvector extension.');
  }
  return createPortableBackend(pool);
}

// Once per process, not per module copy: Next bundles server code into several
// layers, and each copy would otherwise hold its own portable vector cache.
const globals = globalThis as typeof globalThis & { __ebosVectorBackends?: WeakMap<ContextPool, Promise<VectorBackend>> };
const detected: WeakMap<ContextPool, Promise<VectorBackend>> = (globals.__ebosVectorBackends ??= new WeakMap());

/** The backend for `pool` (the app's pool by default), detected on first use. */
export function vectorBackendFor(pool: ContextPool = getPool()): Promise<VectorBackend> {
  let backend = detected.get(pool);
  if (!backend) {
    backend = detectVectorBackend(pool);
    detected.set(pool, backend);
    // A failed detection (database down) is retried by the next caller, not cached.
    backend.catch(() => detected.delete(pool));
  }
  return backend;
}
