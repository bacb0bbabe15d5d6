import pg from "pg";

/**
 * The error stored with a tenant's failed sync, for an operator: PostgreSQL's own
 * message, made plain where a bare one would mislead. A NOT NULL column without a
 * default cannot be added to a table that has rows (PostgreSQL says "contains null
 * values"): the migration needs a default or a backfill, and the sync says so
 * rather than leaving that tenant silently behind.
 */
export function describeSyncError(error: unknown): string {
  if (error instanceof pg.DatabaseError) {
    if (error.code === "23502" && error.table && error.column) {
      return `Column ${error.table}.${error.column} is NOT NULL without a default and the tenant's table has rows: give it a default or backfill it. (${error.message})`;
    }
    return error.code ? `${error.message} [${error.code}]` : error.message;
  }
  if (error instanceof Error) return error.message;
  return String(error);
}
