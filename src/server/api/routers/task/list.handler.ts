import { projectAccess } from "@/server/services/projects/project-access";
import type { TeamContext } from "../../trpc";
import type { ListTasksInput } from "./list.schema";
import { taskCardSelect } from "./task.schema";

function dueFilter(due: ListTasksInput["due"], now: Date) {
  const startOfDay = new Date(now);
  startOfDay.setUTCHours(0, 0, 0, 0);
  const endOfDay = new Date(startOfDay.getTime() + 24 * 60 * 60 * 1000);
  switch (due) {
    case "overdue":
      return { dueDate: { lt: now }, column: { category: { not: "DONE" as const } } };
    case "today":
      return { dueDate: { gte: startOfDay, lt: endOfDay } };
    case "week":
      return { dueDate: { gte: startOfDay, lt: new Date(startOfDay.getTime() + 7 * 24 * 60 * 60 * 1000) } };
    case "none":
      return { dueDate: null };
    default:
      return {};
  }
}

/** The list view: the project's tasks, filtered and searched, newest first. */
export async function listTasks({ ctx, input }: { ctx: TeamContext; input: ListTasksInput }) {
  await projectAccess(ctx, input.projectId);
  const where = {
    projectId: input.projectId,
    ...(input.assigneeId ? { assigneeId: input.assigneeId === "none" ? null : input.assigneeId } : {}),
    ...(input.priority ? { priority: input.priority } : {}),
    ...(input.labelId ? { labels: { some: { labelId: input.labelId } } } : {}),
    ...dueFilter(input.due, new Date()),
    ...(input.search
      ? {
          OR: [
            { title: { contains: input.search, mode: "insensitive" as const } },
            { description: { contains: input.search, mode: "insensitive" as const } },
          ],
        }
      : {}),
  };
  const rows = await ctx.db.task.findMany({
    where,
    select: taskCardSelect,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: input.limit + 1,
    ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
  });
  const hasMore = rows.length > input.limit;
  const items = (hasMore ? rows.slice(0, input.limit) : rows).map(({ labels, ...task }) => ({
    ...task,
    labelIds: labels.map((l) => l.labelId),
  }));
  return { items, nextCursor: hasMore ? (items.at(-1)?.id ?? null) : null };
}
