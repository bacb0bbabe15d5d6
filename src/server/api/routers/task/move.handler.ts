import { ConflictError, NotFoundError, ValidationError } from "@/server/errors";
import { requireTaskEditor } from "@/server/services/projects/project-access";
import { assertColumn, isRankCollision, placeInColumn } from "@/server/services/tasks/task-rules";
import type { TeamContext } from "../../trpc";
import type { MoveTaskInput } from "./move.schema";
import { taskCardSelect } from "./task.schema";

/** Moves a task within or across columns. Writes one row (its column, rank and version). */
export async function moveTask({ ctx, input }: { ctx: TeamContext; input: MoveTaskInput }) {
  if (input.afterId === input.id || input.beforeId === input.id) throw new ValidationError("A task cannot be placed next to itself.");
  const task = await ctx.db.task.findUnique({ where: { id: input.id }, select: { projectId: true, version: true } });
  if (!task) throw new NotFoundError("Task");
  await requireTaskEditor(ctx, task.projectId).catch((error: unknown) => {
    throw error instanceof NotFoundError ? new NotFoundError("Task") : error;
  });
  if (task.version !== input.expectedVersion) {
    throw new ConflictError("Someone else moved or changed this task meanwhile. The board has been refreshed.");
  }
  await assertColumn(ctx, input.columnId);
  for (let attempt = 0; ; attempt++) {
    const rank = await placeInColumn(ctx, {
      projectId: task.projectId,
      columnId: input.columnId,
      afterTaskId: input.afterId,
      beforeTaskId: input.beforeId,
      movingTaskId: input.id,
    });
    try {
      const { count } = await ctx.db.task.updateMany({
        where: { id: input.id, version: input.expectedVersion },
        data: { columnId: input.columnId, rank, version: { increment: 1 } },
      });
      if (count === 0) throw new ConflictError("Someone else moved or changed this task meanwhile. The board has been refreshed.");
      const moved = await ctx.db.task.findUniqueOrThrow({ where: { id: input.id }, select: taskCardSelect });
      const { labels, ...rest } = moved;
      return { ...rest, labelIds: labels.map((l) => l.labelId) };
    } catch (error) {
      if (isRankCollision(error) && attempt < 3) continue;
      throw error;
    }
  }
}
