import { requireTaskEditor } from "@/server/services/projects/project-access";
import { ensureColumns } from "@/server/services/tasks/columns";
import { notifyAssigned } from "@/server/services/tasks/task-notifications";
import { assertAssignable, assertColumn, assertLabels, isRankCollision, placeInColumn } from "@/server/services/tasks/task-rules";
import type { TeamContext } from "../../trpc";
import type { CreateTaskInput } from "./create.schema";
import { taskCardSelect } from "./task.schema";

export async function createTask({ ctx, input }: { ctx: TeamContext; input: CreateTaskInput }) {
  const { project } = await requireTaskEditor(ctx, input.projectId);
  const columns = await ensureColumns(ctx);
  const columnId = input.columnId ?? columns[0]?.id;
  if (!columnId) throw new Error("The board has no columns");
  await Promise.all([assertColumn(ctx, columnId), assertAssignable(ctx, input.projectId, input.assigneeId), assertLabels(ctx, input.labelIds)]);
  for (let attempt = 0; ; attempt++) {
    const rank = await placeInColumn(ctx, { projectId: input.projectId, columnId });
    try {
      const task = await ctx.db.task.create({
        data: {
          projectId: input.projectId,
          columnId,
          title: input.title,
          description: input.description || null,
          priority: input.priority,
          assigneeId: input.assigneeId ?? null,
          dueDate: input.dueDate ?? null,
          rank,
          createdById: ctx.user.id,
          labels: { create: [...new Set(input.labelIds)].map((labelId) => ({ labelId })) },
        },
        select: taskCardSelect,
      });
      if (task.assigneeId) await notifyAssigned(ctx, { ...task, projectName: project.name });
      const { labels, ...rest } = task;
      return { ...rest, labelIds: labels.map((l) => l.labelId) };
    } catch (error) {
      // Someone else appended at the same moment and took this rank: take the next one.
      if (isRankCollision(error) && attempt < 3) continue;
      throw error;
    }
  }
}
