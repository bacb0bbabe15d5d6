import { describeError } from "../../log";
import { Prisma, type TenantTier } from "../generated/client";
import type { SystemDb } from "../system-client";
import { TENANT_MODELS } from "../tenant-models";
import { countTeamRows, openCopyConnection } from "./copy";
import { locationKey, onPrimaryDatabase, tenantLocation, type TenantLocation } from "./locations";
import { quoteIdent } from "./schema-name";

/**
 * How many tenant rows (or projects) each team holds, for the operators' lists,
 * counted where the team's data lives now (locations.ts):
 * - SHARED on the primary database: one grouped query per tenant table for every
 *   such team together, through the system client (RLS lets the platform role see
 *   every tenant);
 * - SCHEMA on the primary database: one query per team in its schema (a UNION ALL
 *   of counts), through the system client too;
 * - anywhere else (a region's own server, an ISOLATED team's own database): a
 *   connection as the login role to that database, one count per table scoped to
 *   the team (countTeamRows), one connection per database.
 *
 * A placement that cannot be counted (its database missing or unreachable, its
 * tables not all there) gives null, shown as "—": a list of tenants must never
 * fail because one tenant's database is down. The failure is logged, without
 * connection details. A team's leftover rows in its previous placement (awaiting
 * cleanup after a move) are not its data any more and are not counted.
 */
const TABLES = Object.keys(TENANT_MODELS) as Array<keyof typeof TENANT_MODELS>;

export type TeamPlacement = { id: string; tier: TenantTier; region: string };

/** Rows per team across the public tenant tables of the primary database (the SHARED fast path). */
export async function sharedTenantRowCounts(db: SystemDb, teamIds: readonly string[], tables: readonly string[] = TABLES): Promise<Map<string, number>> {
  const totals = new Map<string, number>();
  if (teamIds.length === 0) return totals;
  const ids = [...teamIds];
  for (const table of tables) {
    const rows = await db.$queryRaw<Array<{ teamId: string; n: bigint }>>(Prisma.sql`
      SELECT "teamId", COUNT(*)::bigint AS "n" FROM "public".${Prisma.raw(quoteIdent(table))}
      WHERE "teamId" = ANY(${ids}::text[]) GROUP BY "teamId"
    `);
    for (const row of rows) totals.set(row.teamId, (totals.get(row.teamId) ?? 0) + Number(row.n));
  }
  return totals;
}

/** The team's rows in `tables` of a schema of the primary database; null when the schema lacks one of them (not provisioned, or only partly). */
async function primarySchemaRowCount(db: SystemDb, teamId: string, schema: string, tables: readonly string[]): Promise<number | null> {
  const present = await db.$queryRaw<Array<{ n: bigint }>>(Prisma.sql`
    SELECT COUNT(*)::bigint AS "n" FROM pg_catalog.pg_tables WHERE schemaname = ${schema} AND tablename = ANY(${[...tables]}::text[])
  `);
  if (Number(present[0]?.n ?? 0) !== tables.length) return null;
  // The team's rows only: the schema should hold no other, and a stray one is not this team's.
  const counts = tables.map((table) => `SELECT COUNT(*) AS n FROM ${quoteIdent(schema)}.${quoteIdent(table)} WHERE "teamId" = $1`).join(" UNION ALL ");
  const rows = await db.$queryRawUnsafe<Array<{ n: bigint }>>(`SELECT COALESCE(SUM(n), 0)::bigint AS "n" FROM (${counts}) AS counts`, teamId);
  return Number(rows[0]?.n ?? 0);
}

/** The teams' rows in `tables` of one database other than the primary one, over one connection; null for a team that cannot be counted. */
async function remoteRowCounts(location: TenantLocation, teams: ReadonlyArray<{ id: string; location: TenantLocation }>, tables: readonly string[]): Promise<Map<string, number | null>> {
  const out = new Map<string, number | null>();
  let connection: Awaited<ReturnType<typeof openCopyConnection>>;
  try {
    connection = await openCopyConnection(location);
  } catch (error) {
    logUncountable(location, teams.map((team) => team.id), error);
    for (const team of teams) out.set(team.id, null);
    return out;
  }
  try {
    for (const team of teams) {
      try {
        let total = 0;
        for (const table of tables) total += await countTeamRows(connection.client, team.location.schema, table, team.id);
        out.set(team.id, total);
      } catch (error) {
        logUncountable(team.location, [team.id], error);
        out.set(team.id, null);
      }
    }
  } finally {
    await connection.end().catch(() => undefined);
  }
  return out;
}

function logUncountable(location: TenantLocation, teamIds: readonly string[], error: unknown): void {
  // No URL: the tier, region and database or schema name say where; describeError masks credentials.
  const where = location.database ? `database ${location.database}` : `schema ${location.schema}`;
  console.warn(`[tenancy] could not count the rows of team ${teamIds.join(", ")} (${location.tier}, region ${location.region}, ${where}): ${describeError(error)}`);
}

/**
 * Rows per team in `tables` (every tenant table by default), counted where each
 * team's data lives; null for a team whose placement cannot be counted.
 */
export async function tenantRowCounts(db: SystemDb, teams: readonly TeamPlacement[], tables: readonly string[] = TABLES): Promise<Map<string, number | null>> {
  const out = new Map<string, number | null>();
  const primaryShared: string[] = [];
  const primarySchema: Array<{ id: string; schema: string; location: TenantLocation }> = [];
  // Teams counted over a connection of their own database, grouped by database.
  const remote = new Map<string, { location: TenantLocation; teams: Array<{ id: string; location: TenantLocation }> }>();

  for (const team of teams) {
    let location: TenantLocation;
    try {
      location = tenantLocation(team.id, { tier: team.tier, region: team.region });
    } catch (error) {
      // A region this installation no longer offers, or a server URL it cannot use.
      console.warn(`[tenancy] no location for team ${team.id} (${team.tier}, region ${team.region}): ${describeError(error)}`);
      out.set(team.id, null);
      continue;
    }
    if (location.tier !== "ISOLATED" && onPrimaryDatabase(location)) {
      if (location.shared) primaryShared.push(team.id);
      else primarySchema.push({ id: team.id, schema: location.schema, location });
      continue;
    }
    const key = locationKey({ url: location.url, schema: "" });
    const group = remote.get(key) ?? { location, teams: [] };
    group.teams.push({ id: team.id, location });
    remote.set(key, group);
  }

  const shared = await sharedTenantRowCounts(db, primaryShared, tables);
  for (const id of primaryShared) out.set(id, shared.get(id) ?? 0);
  for (const team of primarySchema) {
    try {
      out.set(team.id, await primarySchemaRowCount(db, team.id, team.schema, tables));
    } catch (error) {
      logUncountable(team.location, [team.id], error);
      out.set(team.id, null);
    }
  }
  // A few databases at a time: each count is a short connection of its own.
  const groups = [...remote.values()];
  const CONCURRENCY = 4;
  for (let start = 0; start < groups.length; start += CONCURRENCY) {
    const results = await Promise.all(groups.slice(start, start + CONCURRENCY).map((group) => remoteRowCounts(group.location, group.teams, tables)));
    for (const result of results) for (const [id, count] of result) out.set(id, count);
  }
  return out;
}

/** Projects per team, counted where each team's data lives; null for a team whose placement cannot be counted. */
export async function tenantProjectCounts(db: SystemDb, teams: readonly TeamPlacement[]): Promise<Map<string, number | null>> {
  return tenantRowCounts(db, teams, ["Project"]);
}
