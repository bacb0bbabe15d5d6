import type { SystemDb } from "@/server/db/system-client";
import { tenantProjectCounts } from "@/server/db/tenancy/tenant-sizes";

/**
 * Every team with its placement and size, for operators; the project count crosses
 * tenants on purpose. Projects are counted where the team's data lives now: the
 * public tables of the region's database for SHARED teams, the team's own schema
 * for SCHEMA teams, the team's own database for ISOLATED teams (null when that
 * placement cannot be reached). Leftover rows of a previous placement, awaiting
 * cleanup after a move, are not counted.
 */
export async function listAllTeams({ ctx }: { ctx: { systemDb: SystemDb } }) {
  const teams = await ctx.systemDb.team.findMany({
    orderBy: { createdAt: "desc" },
    take: 200,
    select: {
      id: true,
      name: true,
      slug: true,
      tier: true,
      region: true,
      status: true,
      createdAt: true,
      _count: { select: { memberships: true } },
    },
  });
  const counts = await tenantProjectCounts(ctx.systemDb, teams);
  return teams.map(({ _count, ...team }) => ({
    ...team,
    members: _count.memberships,
    projects: counts.get(team.id) ?? null,
  }));
}
