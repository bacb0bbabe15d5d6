import { projectRoleOf } from "@/lib/permissions";
import { visibleProjectsWhere } from "@/server/services/projects/project-access";
import type { TeamContext } from "../../trpc";
import type { ListProjectsInput } from "./list.schema";
import { projectSelect } from "./project.select";

/** The projects the caller may see (STAFF: only its own), each with the caller's role in it. */
export async function listProjects({ ctx, input }: { ctx: TeamContext; input: ListProjectsInput }) {
  const where = {
    ...visibleProjectsWhere(ctx),
    ...(input.status ? { status: input.status } : {}),
    ...(input.search ? { name: { contains: input.search, mode: "insensitive" as const } } : {}),
  };
  const rows = await ctx.db.project.findMany({
    where,
    select: { ...projectSelect, members: { where: { userId: ctx.user.id }, select: { role: true } } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: input.limit + 1,
    ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
  });
  const hasMore = rows.length > input.limit;
  const items = (hasMore ? rows.slice(0, input.limit) : rows).map(({ members, ...project }) => ({
    ...project,
    role: projectRoleOf(ctx.role, members[0]?.role ?? null),
  }));
  return { items, nextCursor: hasMore ? (items.at(-1)?.id ?? null) : null };
}
