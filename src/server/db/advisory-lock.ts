import type { Prisma } from "./generated/client";

/**
 * Serializes transactions that share `(scope, key)` until they commit or roll back.
 *
 * Raw SQL because Prisma has no API for PostgreSQL advisory locks. Used where a
 * "write once" rule has no unique constraint to lean on (a read-then-insert that
 * two overlapping runs could both pass): the second transaction waits here and
 * then reads what the first committed. Transaction-scoped, so it cannot leak past
 * the transaction even if the caller throws. Advisory locks are not tied to a
 * table, so no tenant context (RLS) is involved.
 */
export async function lockForTransaction(tx: Prisma.TransactionClient, scope: string, key: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${scope}), hashtext(${key}))`;
}
