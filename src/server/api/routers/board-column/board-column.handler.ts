import { mapPrismaErrors } from "@/server/db/errors";
import { ConflictError, NotFoundError } from "@/server/errors";
import { columnSelect, ensureColumns } from "@/server/services/tasks/columns";
import type { TeamContext } from "../../trpc";
import type { CreateColumnInput, DeleteColumnInput, UpdateColumnInput } from "./board-column.schema";

export function listColumns({ ctx }: { ctx: TeamContext }) {
  return ensureColumns(ctx);
}

export async function createColumn({ ctx, input }: { ctx: TeamContext; input: CreateColumnInput }) {
  const columns = await ensureColumns(ctx);
  if (columns.length >= 12) throw new ConflictError("A board has at most 12 columns.");
  const position = Math.max(-1, ...columns.map((c) => c.position)) + 1;
  return ctx.db.taskColumn.create({ data: { ...input, position }, select: columnSelect });
}

/** Renames a column and/or moves it to `position`, renumbering the others in one transaction. */
export async function updateColumn({ ctx, input }: { ctx: TeamContext; input: UpdateColumnInput }) {
  return ctx.db.$transaction(async (tx) => {
    const columns = await tx.taskColumn.findMany({ select: columnSelect, orderBy: [{ position: "asc" }, { id: "asc" }] });
    const column = columns.find((c) => c.id === input.id);
    if (!column) throw new NotFoundError("Column");
    if (input.data.position !== undefined) {
      const order = columns.filter((c) => c.id !== input.id);
      order.splice(Math.min(input.data.position, order.length), 0, column);
      for (const [position, c] of order.entries()) {
        if (c.position !== position) await tx.taskColumn.update({ where: { id: c.id }, data: { position }, select: { id: true } });
      }
    }
    if (input.data.name !== undefined) await tx.taskColumn.update({ where: { id: input.id }, data: { name: input.data.name }, select: { id: true } });
    return tx.taskColumn.findMany({ select: columnSelect, orderBy: [{ position: "asc" }, { id: "asc" }] });
  });
}

export async function deleteColumn({ ctx, input }: { ctx: TeamContext; input: DeleteColumnInput }) {
  const [tasks, columns] = await Promise.all([ctx.db.task.count({ where: { columnId: input.id } }), ctx.db.taskColumn.count()]);
  if (tasks > 0) throw new ConflictError("Move the tasks out of this column before removing it.");
  if (columns <= 1) throw new ConflictError("A board needs at least one column.");
  await mapPrismaErrors("Column", ctx.db.taskColumn.delete({ where: { id: input.id }, select: { id: true } }));
  return { id: input.id };
}
