import { projectAccess } from "@/server/services/projects/project-access";
import { ensureColumns } from "@/server/services/tasks/columns";
import type { TeamContext } from "../../trpc";
import type { BoardInput } from "./board.schema";
import { taskCardSelect } from "./task.schema";

/** Everything the Kanban board needs in one call: columns, every task of the project (ordered), labels and members. */
export async function getBoard({ ctx, input }: { ctx: TeamContext; input: BoardInput }) {
  const access = await projectAccess(ctx, input.projectId);
  const [columns, tasks, labels, members] = await Promise.all([
    ensureColumns(ctx),
    ctx.db.task.findMany({
      where: { projectId: input.projectId },
      select: taskCardSelect,
      orderBy: [{ rank: "asc" }, { id: "asc" }],
      take: 2_000,
    }),
    ctx.db.label.findMany({ select: { id: true, name: true, color: true }, orderBy: { name: "asc" } }),
    ctx.db.projectMember.findMany({ where: { projectId: input.projectId }, select: { userId: true, role: true } }),
  ]);
  return {
    project: access.project,
    role: access.role,
    columns,
    tasks: tasks.map(({ labels: taskLabels, ...task }) => ({ ...task, labelIds: taskLabels.map((l) => l.labelId) })),
    labels,
    members,
  };
}

/** A cheap fingerprint of the board, polled by open boards to notice other people's changes. */
export async function getBoardVersion({ ctx, input }: { ctx: TeamContext; input: BoardInput }) {
  await projectAccess(ctx, input.projectId);
  const [tasks, columns] = await Promise.all([
    ctx.db.task.aggregate({ where: { projectId: input.projectId }, _count: { _all: true }, _max: { updatedAt: true } }),
    ctx.db.taskColumn.aggregate({ _count: { _all: true }, _max: { updatedAt: true } }),
  ]);
  return [tasks._count._all, tasks._max.updatedAt?.getTime() ?? 0, columns._count._all, columns._max.updatedAt?.getTime() ?? 0].join(":");
}
