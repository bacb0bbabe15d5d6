import type { SystemDb } from "@/server/db/system-client";
import { schemaTenantRowCount, sharedTenantRowCounts } from "@/server/db/tenancy/tenant-sizes";
import { tenantSchemaName } from "@/server/db/tenancy/schema-name";
import { latestTenantMigration, type MigrationView } from "@/server/services/tenancy/migration";
import { latestSyncResult } from "@/server/services/tenancy/sync";
import type { ListTenantsInput } from "./tenants.schema";

const LIMIT = 200;

export type TenantRow = Awaited<ReturnType<typeof listTenants>>[number];

/**
 * Every tenant for operators (newest first, at most 200): where its data lives
 * (tier, region, the PostgreSQL schema), how many rows it holds, its status, and
 * the latest tier migration and schema sync. Rows are counted in the team's
 * current placement only (a SCHEMA team's leftover SHARED rows awaiting cleanup
 * are not its data any more).
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
  const [migrated, synced, sharedRows] = await Promise.all([
    ctx.systemDb.tenantMigration.groupBy({ by: ["teamId"], where: { teamId: { in: ids } } }),
    ctx.systemDb.tenantSyncResult.groupBy({ by: ["teamId"], where: { teamId: { in: ids } } }),
    sharedTenantRowCounts(
      ctx.systemDb,
      teams.filter((team) => team.tier === "SHARED").map((team) => team.id),
    ),
  ]);
  const migrations = new Map<string, MigrationView | null>();
  for (const { teamId } of migrated) migrations.set(teamId, await latestTenantMigration(teamId));
  const syncs = new Map<string, Awaited<ReturnType<typeof latestSyncResult>>>();
  for (const { teamId } of synced) syncs.set(teamId, await latestSyncResult(teamId));

  const rows = [];
  for (const team of teams) {
    const size =
      team.tier === "SHARED"
        ? (sharedRows.get(team.id) ?? 0)
        : team.tier === "SCHEMA"
          ? await schemaTenantRowCount(ctx.systemDb, team.id, team.region)
          : null;
    const migration: MigrationView | null = migrations.get(team.id) ?? null;
    rows.push({
      ...team,
      // ISOLATED (its own database) is not served by this installation yet: no placement to name.
      placement: team.tier === "SHARED" ? "public" : team.tier === "SCHEMA" ? tenantSchemaName(team.id) : null,
      rows: size,
      migration,
      sync: syncs.get(team.id) ?? null,
    });
  }
  return rows;
}
