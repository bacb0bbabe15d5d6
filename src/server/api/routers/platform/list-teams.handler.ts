import type { SystemDb } from "@/server/db/system-client";
import { schemaTableRowCount } from "@/server/db/tenancy/tenant-sizes";

/**
 * Every team with its placement and size, for operators; the project count crosses
 * tenants on purpose. Projects are counted where the team's data lives now: the
 * public table for SHARED teams, the team's own schema for SCHEMA teams (null when
 * that schema cannot be counted from here, and for ISOLATED teams, whose database
 * this installation does not serve yet). A SCHEMA team's leftover public rows,
 * awaiting cleanup after its move, are not counted.
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
  const shared = teams.filter((team) => team.tier === "SHARED").map((team) => team.id);
  const sharedCounts = await ctx.systemDb.project.groupBy({ by: ["teamId"], where: { teamId: { in: shared } }, _count: { _all: true } });
  const counts = new Map<string, number | null>(sharedCounts.map((row) => [row.teamId, row._count._all]));
  // One small count per SCHEMA team (at most 200 teams are listed).
  for (const team of teams) {
    if (team.tier === "SCHEMA") counts.set(team.id, await schemaTableRowCount(ctx.systemDb, team.id, team.region, "Project"));
  }
  return teams.map(({ _count, ...team }) => ({
    ...team,
    members: _count.memberships,
    projects: team.tier === "ISOLATED" ? null : (counts.get(team.id) ?? 0),
  }));
}
