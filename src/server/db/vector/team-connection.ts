import type pg from "pg";
import { DomainError } from "../../errors";
import { currentDbContext, withDbContext } from "../context";
import type { ContextPool } from "../context-pool";

/**
 * Runs `fn` on one pooled connection that carries the team's database context
 * (the tenant role and app.team_id, see context-pool.ts), so row-level security
 * applies to every statement `fn` sends. The actor and request id of the caller
 * are kept for the audit trail.
 *
 * Why not the tenant Prisma client: vector search needs SQL Prisma cannot express
 * (pgvector operators, SET LOCAL, streaming rows), and the tenant client refuses
 * raw queries by design; this is the one place such SQL gets its tenant context.
 */
export async function withTeamConnection<T>(pool: ContextPool, teamId: string, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const caller = currentDbContext();
  // The team comes in by hand here, so it must agree with the request's own team
  // (teamProcedure sets it); jobs run without one and name their team themselves.
  if (caller.crossTenant || (caller.teamId !== null && caller.teamId !== teamId)) {
    throw new DomainError("INTERNAL", "A vector search was asked for another team than the request's.");
  }
  const client = await withDbContext(
    { teamId, crossTenant: false, actorId: caller.actorId, requestId: caller.requestId },
    () => pool.connect(),
  );
  let failed: Error | undefined;
  try {
    return await fn(client);
  } catch (error) {
    failed = error instanceof Error ? error : new Error(String(error));
    throw error;
  } finally {
    // A connection that failed mid-transaction is not reused (pg closes it):
    // its transaction state and settings are unknown.
    client.release(failed);
  }
}

/** `fn` inside BEGIN … COMMIT on a team connection; ROLLBACK on error. `begin` may add SET LOCALs (constants only: simple protocol). */
export async function withTeamTransaction<T>(
  pool: ContextPool,
  teamId: string,
  fn: (client: pg.PoolClient) => Promise<T>,
  begin = "BEGIN",
): Promise<T> {
  return withTeamConnection(pool, teamId, async (client) => {
    await client.query(begin);
    let result: T;
    try {
      result = await fn(client);
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    }
    await client.query("COMMIT");
    return result;
  });
}
