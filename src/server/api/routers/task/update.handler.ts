import { ConflictError, NotFoundError } from "@/server/errors";
import { requireTaskEditor } from "@/server/services/projects/project-access";
import { notifyAssigned } from "@/server/services/tasks/task-notifications";
import { assertAssignable, assertLabels } from "@/server/services/tasks/task-rules";
import type { TeamContext } from "../../trpc";
import { taskCardSelect } from "./task.schema";
import type { UpdateTaskInput } from "./update.schema";

export async function updateTask({ ctx, input }: { ctx: TeamContext; input: UpdateTaskInput }) {
  const current = await ctx.db.task.findUnique({ where: { id: input.id }, select: { projectId: true, version: true, assigneeId: true } });
  if (!current) throw new NotFoundError("Task");
  const { project } = await requireTaskEditor(ctx, current.projectId).catch((error: unknown) => {
    throw error instanceof NotFoundError ? new NotFoundError("Task") : error;
  });
  const version = input.expectedVersion ?? current.version;
  const { labelIds, description, assigneeId, ...fields } = input.data;
  await Promise.all([assertAssignable(ctx, current.projectId, assigneeId), assertLabels(ctx, labelIds)]);
  const updated = await ctx.db.$transaction(async (tx) => {
    // The version check and the write are one statement: no lost update.
    const { count } = await tx.task.updateMany({
      where: { id: input.id, version },
      data: {
        ...fields,
        ...(description !== undefined ? { description: description || null } : {}),
        ...(assigneeId !== undefined ? { assigneeId } : {}),
        version: { increment: 1 },
      },
    });
    if (count === 0) throw new ConflictError("Someone else changed this task meanwhile. Reload it and try again.");
    if (labelIds) {
      await tx.taskLabel.deleteMany({ where: { taskId: input.id } });
      await tx.taskLabel.createMany({ data: [...new Set(labelIds)].map((labelId) => ({ taskId: input.id, labelId })) });
    }
    const task = await tx.task.findUniqueOrThrow({ where: { id: input.id }, select: taskCardSelect });
    const { labels, ...rest } = task;
    return { ...rest, labelIds: labels.map((l) => l.labelId) };
  });
  if (updated.assigneeId && updated.assigneeId !== current.assigneeId) await notifyAssigned(ctx, { ...updated, projectName: project.name });
  return updated;
}
