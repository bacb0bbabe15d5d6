import { rankBetween } from "@/lib/rank";

/** The board as the client holds it; pure functions so moves can be applied optimistically and tested. */
export type BoardTask = {
  id: string;
  columnId: string;
  title: string;
  priority: "LOW" | "MEDIUM" | "HIGH" | "URGENT";
  assigneeId: string | null;
  dueDate: Date | null;
  rank: string;
  version: number;
  labelIds: string[];
};

export type BoardData<T extends BoardTask = BoardTask> = { tasks: T[] };

export function tasksByColumn<T extends BoardTask>(tasks: readonly T[], columnIds: readonly string[]): Map<string, T[]> {
  const map = new Map<string, T[]>(columnIds.map((id) => [id, []]));
  for (const task of tasks) map.get(task.columnId)?.push(task);
  for (const list of map.values()) list.sort((x, y) => (x.rank < y.rank ? -1 : x.rank > y.rank ? 1 : x.id < y.id ? -1 : 1));
  return map;
}

export type MoveTarget = { columnId: string; index: number };

/**
 * Where a drop lands, as the API wants it: the task above (afterId) or, at the
 * top of a column, the task below (beforeId). `index` counts the other tasks of
 * the target column, the moving one excluded.
 */
export function neighboursFor(columnTasks: readonly BoardTask[], movingId: string, index: number) {
  const others = columnTasks.filter((t) => t.id !== movingId);
  const clamped = Math.max(0, Math.min(index, others.length));
  const above = others[clamped - 1] ?? null;
  const below = others[clamped] ?? null;
  return { afterId: above?.id ?? null, beforeId: above ? null : (below?.id ?? null), above, below };
}

/**
 * The board with one task moved, its rank computed like the server will and its
 * version one ahead, as the server's will be once the move is saved (moves are
 * sent one after another, so the next move of the same task expects that).
 */
export function applyMove<T extends BoardTask, D extends BoardData<T>>(board: D, taskId: string, target: MoveTarget, columnIds: readonly string[]): D {
  const task = board.tasks.find((t) => t.id === taskId);
  if (!task) return board;
  const column = tasksByColumn(board.tasks, columnIds).get(target.columnId) ?? [];
  const { above, below } = neighboursFor(column, taskId, target.index);
  const rank = rankBetween(above?.rank ?? null, below?.rank ?? null);
  return {
    ...board,
    tasks: board.tasks.map((t) => (t.id === taskId ? { ...t, columnId: target.columnId, rank, version: t.version + 1 } : t)),
  };
}
