import type { TeamContext } from "../../trpc";
import { projectSelect } from "./project.select";
import type { ListProjectsInput } from "./list.schema";

export async function listProjects({ ctx, input }: { ctx: TeamContext; input: ListProjectsInput }) {
  const where = {
    ...(input.status ? { status: input.status } : {}),
    ...(input.search ? { name: { contains: input.search, mode: "insensitive" as const } } : {}),
  };
  const rows = await ctx.db.project.findMany({
    where,
    select: projectSelect,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: input.limit + 1,
    ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
  });
  const hasMore = rows.length > input.limit;
  const items = hasMore ? rows.slice(0, input.limit) : rows;
  return { items, nextCursor: hasMore ? (items.at(-1)?.id ?? null) : null };
}
