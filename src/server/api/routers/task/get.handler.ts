import { NotFoundError } from "@/server/errors";
import { projectAccess } from "@/server/services/projects/project-access";
import type { TeamContext } from "../../trpc";
import type { GetTaskInput } from "./get.schema";
import { taskCardSelect } from "./task.schema";

/** A task with its description; not found when the caller cannot see its project. */
export async function getTask({ ctx, input }: { ctx: TeamContext; input: GetTaskInput }) {
  const task = await ctx.db.task.findUnique({
    where: { id: input.id },
    select: { ...taskCardSelect, description: true, createdById: true, createdAt: true, _count: { select: { comments: true } } },
  });
  if (!task) throw new NotFoundError("Task");
  const access = await projectAccess(ctx, task.projectId).catch(() => null);
  if (!access) throw new NotFoundError("Task");
  const { labels, _count, ...rest } = task;
  return { ...rest, labelIds: labels.map((l) => l.labelId), commentCount: _count.comments, role: access.role };
}
