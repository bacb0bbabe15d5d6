import type { SystemDb } from "@/server/db/system-client";
import type { TenantTier } from "@/server/db/generated/client";
import { tenantDatabaseName } from "@/server/db/tenancy/locations";
import { tenantRowCounts } from "@/server/db/tenancy/tenant-sizes";
import { tenantSchemaName } from "@/server/db/tenancy/schema-name";
import { latestTenantMigration, type MigrationView } from "@/server/services/tenancy/migration";
import { latestSyncResult } from "@/server/services/tenancy/sync";
import type { ListTenantsInput } from "./tenants.schema";

const LIMIT = 200;

export type TenantRow = Awaited<ReturnType<typeof listTenants>>[number];

/**
 * Where a team's tenant tables are, named for operators: the shared `public`
 * tables of its region's database, its schema `tenant_<id>` there, or its own
 * database `tenant_<id>` on the region's server (whose tables are in `public`).
 */
export type TenantPlacement = { kind: "public" | "schema" | "database"; name: string; region: string };

export function placementOf(team: { id: string; tier: TenantTier; region: string }): TenantPlacement {
  switch (team.tier) {
    case "SHARED":
      return { kind: "public", name: "public", region: team.region };
    case "SCHEMA":
      return { kind: "schema", name: tenantSchemaName(team.id), region: team.region };
    case "ISOLATED":
      return { kind: "database", name: tenantDatabaseName(team.id), region: team.region };
  }
}

/**
 * Every tenant for operators (newest first, at most 200): where its data lives
 * (tier, region, the PostgreSQL schema or database), how many rows it holds (null
 * when its placement cannot be reached), its status, and the latest tier
 * migration and schema sync. Rows are counted in the team's current placement
 * only (leftover rows of its previous placement awaiting cleanup are not its data
 * any more).
 */
export async function listTenants({ ctx, input }: { ctx: { systemDb: SystemDb }; input: ListTenantsInput }) {
  const search = input.search ? input.search : undefined;
  const teams = await ctx.systemDb.team.findMany({
    where: search
      ? { OR: [{ name: { contains: search, mode: "insensitive" } }, { slug: { contains: search, mode: "insensitive" } }] }
      : {},
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: LIMIT,
    select: { id: true, name: true, slug: true, tier: true, region: true, status: true, statusReason: true, createdAt: true },
  });
  const ids = teams.map((team) => team.id);
  // Most teams never migrated nor synced: only look up the latest entry of those that did.
  const [migrated, synced, sizes] = await Promise.all([
    ctx.systemDb.tenantMigration.groupBy({ by: ["teamId"], where: { teamId: { in: ids } } }),
    ctx.systemDb.tenantSyncResult.groupBy({ by: ["teamId"], where: { teamId: { in: ids } } }),
    tenantRowCounts(ctx.systemDb, teams),
  ]);
  const migrations = new Map<string, MigrationView | null>();
  for (const { teamId } of migrated) migrations.set(teamId, await latestTenantMigration(teamId));
  const syncs = new Map<string, Awaited<ReturnType<typeof latestSyncResult>>>();
  for (const { teamId } of synced) syncs.set(teamId, await latestSyncResult(teamId));

  const rows = [];
  for (const team of teams) {
    const migration: MigrationView | null = migrations.get(team.id) ?? null;
    rows.push({
      ...team,
      placement: placementOf(team),
      rows: sizes.get(team.id) ?? null,
      migration,
      sync: syncs.get(team.id) ?? null,
    });
  }
  return rows;
}
