import type pg from "pg";
import { DomainError } from "../../errors";
import { currentDbContext, withDbContext } from "../context";
import type { ContextPool } from "../context-pool";
import type { TenantTier } from "../generated/client";
import { onPrimaryDatabase, tenantLocation } from "../tenancy/locations";
import { schemaClients } from "../tenancy/schema-clients";
import { quoteIdent } from "../tenancy/schema-name";

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
  const context = { teamId, crossTenant: false, actorId: caller.actorId, requestId: caller.requestId };
  let client = await withDbContext(context, () => pool.connect());
  let failed: Error | undefined;
  let placed = false;
  try {
    // A team on its own schema, its own database or a region's server: the
    // vector SQL names tables unqualified, so the connection (the location's
    // pool) and the search path decide where they are found.
    const placement = await placementOf(client, teamId);
    const location = placement ? tenantLocation(teamId, placement) : null;
    if (placement && location && !onPrimaryDatabase(location)) {
      const located = await schemaClients().acquire(teamId, placement);
      const own = await withDbContext(context, () => located.pool.connect());
      client.release();
      client = own;
    }
    const schema = location && location.schema !== "public" ? location.schema : null;
    if (schema) {
      await client.query(`SET search_path TO ${quoteIdent(schema)}, public`);
      placed = true;
    }
    return await fn(client);
  } catch (error) {
    failed = error instanceof Error ? error : new Error(String(error));
    throw error;
  } finally {
    // The pool reuses the connection for other teams: put the search path back
    // (a failure to do so, or a failed statement, retires the connection instead).
    if (placed && !failed) {
      await client.query("SET search_path TO DEFAULT").catch((error: unknown) => {
        failed = error instanceof Error ? error : new Error(String(error));
      });
    }
    // A connection that failed mid-transaction is not reused (pg closes it):
    // its transaction state and settings are unknown.
    client.release(failed);
  }
}

/** The team's placement, from the control plane (the primary database's Team row); null for no such team (its queries then find nothing in public). */
async function placementOf(client: pg.PoolClient, teamId: string): Promise<{ tier: TenantTier; region: string } | null> {
  const result = await client.query<{ tier: TenantTier; region: string }>(`SELECT tier::text AS tier, region FROM public."Team" WHERE id = $1`, [teamId]);
  return result.rows[0] ?? null;
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
