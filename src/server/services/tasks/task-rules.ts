import { ConflictError, ValidationError } from "../../errors";
import { Prisma } from "../../db/generated/client";
import type { TenantRequest } from "../tenant-request";
import { rankBetween } from "@/lib/rank";

/** The assignee must belong to the project (assigning is how work is shared). */
export async function assertAssignable(req: TenantRequest, projectId: string, assigneeId: string | null | undefined): Promise<void> {
  if (!assigneeId) return;
  const member = await req.db.projectMember.findUnique({
    where: { projectId_userId: { projectId, userId: assigneeId } },
    select: { id: true },
  });
  if (!member) throw new ValidationError("The assignee must be a member of this project.", "assigneeId");
}

export async function assertLabels(req: TenantRequest, labelIds: readonly string[] | undefined): Promise<void> {
  if (!labelIds || labelIds.length === 0) return;
  const found = await req.db.label.count({ where: { id: { in: [...labelIds] } } });
  if (found !== new Set(labelIds).size) throw new ValidationError("One of the labels does not exist.", "labelIds");
}

export async function assertColumn(req: TenantRequest, columnId: string): Promise<{ id: string; category: string }> {
  const column = await req.db.taskColumn.findUnique({ where: { id: columnId }, select: { id: true, category: true } });
  if (!column) throw new ValidationError("That board column does not exist.", "columnId");
  return column;
}

/**
 * The rank for a task placed in `columnId` of `projectId`: right after
 * `afterTaskId` (the task above it), else right before `beforeTaskId`, else at
 * the end. The neighbour is looked up in the column again, so a board that is
 * a little out of date still places the task where the user dropped it.
 */
export async function placeInColumn(
  req: TenantRequest,
  target: { projectId: string; columnId: string; afterTaskId?: string | null; beforeTaskId?: string | null; movingTaskId?: string },
): Promise<string> {
  const inColumn = { projectId: target.projectId, columnId: target.columnId, ...(target.movingTaskId ? { id: { not: target.movingTaskId } } : {}) };
  const neighbour = async (id: string) => {
    const task = await req.db.task.findFirst({ where: { ...inColumn, id }, select: { rank: true } });
    if (!task) throw new ConflictError("The board changed while you were moving this task. It has been refreshed: try again.");
    return task.rank;
  };
  if (target.afterTaskId) {
    const above = await neighbour(target.afterTaskId);
    const below = await req.db.task.findFirst({ where: { ...inColumn, rank: { gt: above } }, orderBy: { rank: "asc" }, select: { rank: true } });
    return rankBetween(above, below?.rank ?? null);
  }
  if (target.beforeTaskId) {
    const below = await neighbour(target.beforeTaskId);
    const above = await req.db.task.findFirst({ where: { ...inColumn, rank: { lt: below } }, orderBy: { rank: "desc" }, select: { rank: true } });
    return rankBetween(above?.rank ?? null, below);
  }
  const last = await req.db.task.findFirst({ where: inColumn, orderBy: { rank: "desc" }, select: { rank: true } });
  return rankBetween(last?.rank ?? null, null);
}

/** True for the unique violation of two tasks racing for the same rank in a column. */
export function isRankCollision(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}
