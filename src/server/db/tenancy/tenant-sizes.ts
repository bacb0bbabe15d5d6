import { serverEnv } from "../../env";
import { Prisma } from "../generated/client";
import type { SystemDb } from "../system-client";
import { TENANT_MODELS } from "../tenant-models";
import { databaseUrlForRegion } from "./regions";
import { quoteIdent, tenantSchemaName } from "./schema-name";

/**
 * How many tenant rows each team holds, for the operators' tenant list.
 *
 * Raw SQL because the SCHEMA tier's tables are not reachable through the primary
 * Prisma client (it qualifies every table with `public`), and opening a schema
 * client per team only to count would churn the bounded schema-client cache.
 * The caller passes the system client: counting crosses tenants, which only the
 * platform role may do (RLS lets it see every tenant).
 *
 * Cost: one grouped query per tenant table for every SHARED team together, and one
 * query (a UNION ALL of counts) per SCHEMA team — at most 200 teams are listed.
 */
const TABLES = Object.keys(TENANT_MODELS);

/** Rows per team across the public tenant tables (the SHARED placement). */
export async function sharedTenantRowCounts(db: SystemDb, teamIds: readonly string[]): Promise<Map<string, number>> {
  const totals = new Map<string, number>();
  if (teamIds.length === 0) return totals;
  const ids = [...teamIds];
  for (const table of TABLES) {
    const rows = await db.$queryRaw<Array<{ teamId: string; n: bigint }>>(Prisma.sql`
      SELECT "teamId", COUNT(*)::bigint AS "n" FROM "public".${Prisma.raw(quoteIdent(table))}
      WHERE "teamId" = ANY(${ids}::text[]) GROUP BY "teamId"
    `);
    for (const row of rows) totals.set(row.teamId, (totals.get(row.teamId) ?? 0) + Number(row.n));
  }
  return totals;
}

/**
 * The team's schema when the primary client can count in it: null when it is
 * missing (not yet provisioned, or only partly) or lives on another region's
 * server, which the primary client cannot reach.
 */
async function reachableSchema(db: SystemDb, teamId: string, region: string): Promise<string | null> {
  if (databaseUrlForRegion(region) !== serverEnv().DATABASE_URL) return null;
  const schema = tenantSchemaName(teamId);
  const present = await db.$queryRaw<Array<{ n: bigint }>>(Prisma.sql`
    SELECT COUNT(*)::bigint AS "n" FROM pg_catalog.pg_tables WHERE schemaname = ${schema} AND tablename = ANY(${TABLES}::text[])
  `);
  return Number(present[0]?.n ?? 0) === TABLES.length ? schema : null;
}

/** Rows in a SCHEMA-tier team's schema; null when it cannot be counted (see reachableSchema). */
export async function schemaTenantRowCount(db: SystemDb, teamId: string, region: string): Promise<number | null> {
  const schema = await reachableSchema(db, teamId, region);
  if (schema === null) return null;
  const counts = TABLES.map((table) => `SELECT COUNT(*) AS n FROM ${quoteIdent(schema)}.${quoteIdent(table)}`).join(" UNION ALL ");
  const rows = await db.$queryRaw<Array<{ n: bigint }>>(Prisma.sql`SELECT COALESCE(SUM(n), 0)::bigint AS "n" FROM (${Prisma.raw(counts)}) AS counts`);
  return Number(rows[0]?.n ?? 0);
}

/** Rows of one tenant table (e.g. Project) in a SCHEMA-tier team's schema; null when it cannot be counted. */
export async function schemaTableRowCount(db: SystemDb, teamId: string, region: string, table: keyof typeof TENANT_MODELS): Promise<number | null> {
  const schema = await reachableSchema(db, teamId, region);
  if (schema === null) return null;
  const rows = await db.$queryRaw<Array<{ n: bigint }>>(
    // The team's rows only: the schema should hold no other, and a stray one is not this team's.
    Prisma.sql`SELECT COUNT(*)::bigint AS "n" FROM ${Prisma.raw(`${quoteIdent(schema)}.${quoteIdent(table)}`)} WHERE "teamId" = ${teamId}`,
  );
  return Number(rows[0]?.n ?? 0);
}
