import type { SystemDb } from "@/server/db/system-client";

/** Every team with its placement and size, for operators; the project count crosses tenants on purpose. */
export async function listAllTeams({ ctx }: { ctx: { systemDb: SystemDb } }) {
  const [teams, projectCounts] = await Promise.all([
    ctx.systemDb.team.findMany({
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
    }),
    ctx.systemDb.project.groupBy({ by: ["teamId"], _count: { _all: true } }),
  ]);
  const counts = new Map(projectCounts.map((row) => [row.teamId, row._count._all]));
  return teams.map(({ _count, ...team }) => ({ ...team, members: _count.memberships, projects: counts.get(team.id) ?? 0 }));
}
