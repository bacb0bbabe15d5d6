"use client";

import {
  closestCorners,
  DndContext,
  pointerWithin,
  rectIntersection,
  type CollisionDetection,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
  type DragEndEvent,
  type DragStartEvent,
  type UniqueIdentifier,
} from "@dnd-kit/core";
import { sortableKeyboardCoordinates } from "@dnd-kit/sortable";
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { canEditTasks } from "@/lib/permissions";
import { api } from "@/trpc/react";
import { Button } from "../ui/button";
import { applyMove, neighboursFor, tasksByColumn } from "./board-model";
import { BoardColumn } from "./board-column";
import { TaskDialog } from "./task-dialog";

/**
 * Where a dragged card is: under the pointer if there is one (mouse, touch),
 * else what its rectangle overlaps most (keyboard moves), else the nearest
 * corners. Nearest corners alone let a keyboard move to an empty column land
 * back on the column it came from.
 */
const collisionDetection: CollisionDetection = (args) => {
  const underPointer = pointerWithin(args);
  if (underPointer.length > 0) return underPointer;
  const overlapping = rectIntersection(args);
  return overlapping.length > 0 ? overlapping : closestCorners(args);
};

/** How often an open board checks whether someone else changed it. */
const POLL_MS = 3000;

export function KanbanBoard({ projectId }: { projectId: string }) {
  const t = useTranslations("board");
  const utils = api.useUtils();
  const board = api.task.board.useQuery({ projectId });
  const members = api.projectMember.list.useQuery({ projectId });
  const [error, setError] = useState<string | null>(null);
  const [openTaskId, setOpenTaskId] = useState<string | null>(null);
  const [newTitle, setNewTitle] = useState("");
  const dragging = useRef(false);

  // Other people's changes: poll a fingerprint, refetch the board when it moves.
  const version = api.task.boardVersion.useQuery({ projectId }, { refetchInterval: POLL_MS, refetchOnWindowFocus: true });
  const seenVersion = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (!version.data) return;
    if (seenVersion.current !== undefined && seenVersion.current !== version.data && !dragging.current) {
      void utils.task.board.invalidate({ projectId });
    }
    seenVersion.current = version.data;
  }, [version.data, projectId, utils]);

  const columnIds = useMemo(() => board.data?.columns.map((c) => c.id) ?? [], [board.data?.columns]);
  const grouped = useMemo(() => tasksByColumn(board.data?.tasks ?? [], columnIds), [board.data?.tasks, columnIds]);
  const labelsById = useMemo(() => new Map((board.data?.labels ?? []).map((l) => [l.id, l])), [board.data?.labels]);
  const namesById = useMemo(
    () => new Map((members.data ?? []).map((m) => [m.userId, m.name ?? m.email ?? t("memberFallback")])),
    [members.data, t],
  );

  const move = api.task.move.useMutation({
    // Moves run one after another: a quick second move of the same card waits for the first.
    scope: { id: `board-moves:${projectId}` },
    onMutate: async (input) => {
      await utils.task.board.cancel({ projectId });
      const previous = utils.task.board.getData({ projectId });
      const target = input.columnId;
      const column = grouped.get(target) ?? [];
      const index = input.afterId
        ? column.filter((t) => t.id !== input.id).findIndex((t) => t.id === input.afterId) + 1
        : input.beforeId
          ? Math.max(0, column.filter((t) => t.id !== input.id).findIndex((t) => t.id === input.beforeId))
          : column.length;
      utils.task.board.setData({ projectId }, (old) => (old ? applyMove(old, input.id, { columnId: target, index }, columnIds) : old));
      setError(null);
      return { previous };
    },
    onError: (err, _input, context) => {
      // Roll back and say why; the board is then refreshed from the server.
      if (context?.previous) utils.task.board.setData({ projectId }, context.previous);
      setError(err.message);
      void utils.task.board.invalidate({ projectId });
    },
    onSuccess: (task) => {
      utils.task.board.setData({ projectId }, (old) => (old ? { ...old, tasks: old.tasks.map((t) => (t.id === task.id ? task : t)) } : old));
    },
  });

  const create = api.task.create.useMutation({
    onSuccess: (task) => {
      setNewTitle("");
      utils.task.board.setData({ projectId }, (old) => (old ? { ...old, tasks: [...old.tasks, task] } : old));
    },
    onError: (err) => setError(err.message),
  });

  // Screen-reader announcements of dnd-kit, in the page's language, naming tasks and columns.
  const accessibility = useMemo(() => {
    const titleOf = (id: UniqueIdentifier) => board.data?.tasks.find((task) => task.id === id)?.title ?? String(id);
    const targetOf = (id: UniqueIdentifier) => {
      const key = String(id);
      if (key.startsWith("column:")) return board.data?.columns.find((c) => `column:${c.id}` === key)?.name ?? key;
      return titleOf(id);
    };
    return {
      screenReaderInstructions: { draggable: t("dnd.instructions") },
      announcements: {
        onDragStart: ({ active }: { active: { id: UniqueIdentifier } }) => t("dnd.pickedUp", { task: titleOf(active.id) }),
        onDragOver: ({ active, over }: { active: { id: UniqueIdentifier }; over: { id: UniqueIdentifier } | null }) =>
          over ? t("dnd.over", { task: titleOf(active.id), target: targetOf(over.id) }) : t("dnd.notOver", { task: titleOf(active.id) }),
        onDragEnd: ({ active, over }: { active: { id: UniqueIdentifier }; over: { id: UniqueIdentifier } | null }) =>
          over ? t("dnd.dropped", { task: titleOf(active.id), target: targetOf(over.id) }) : t("dnd.droppedNowhere", { task: titleOf(active.id) }),
        onDragCancel: ({ active }: { active: { id: UniqueIdentifier } }) => t("dnd.cancelled", { task: titleOf(active.id) }),
      },
    };
  }, [board.data, t]);
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 5 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );

  const onDragStart = useCallback((_event: DragStartEvent) => {
    dragging.current = true;
  }, []);

  const onDragEnd = useCallback(
    (event: DragEndEvent) => {
      dragging.current = false;
      const { active, over } = event;
      if (!over || !board.data) return;
      const task = board.data.tasks.find((t) => t.id === active.id);
      if (!task) return;
      const overColumn = (over.data.current as { columnId?: string } | undefined)?.columnId;
      if (!overColumn) return;
      const column = grouped.get(overColumn) ?? [];
      const others = column.filter((t) => t.id !== task.id);
      let index: number;
      if (String(over.id).startsWith("column:")) {
        index = others.length;
      } else {
        const overIndex = others.findIndex((t) => t.id === over.id);
        const fromIndex = column.findIndex((t) => t.id === task.id);
        const toIndexInColumn = column.findIndex((t) => t.id === over.id);
        // Dragging down within a column lands after the card it is over; otherwise before it.
        index = overIndex + (task.columnId === overColumn && fromIndex !== -1 && fromIndex < toIndexInColumn ? 1 : 0);
      }
      const { afterId, beforeId } = neighboursFor(column, task.id, index);
      const current = column.filter((t) => t.id !== task.id);
      const unchanged = task.columnId === overColumn && column.findIndex((t) => t.id === task.id) === Math.min(index, current.length);
      if (unchanged) return;
      move.mutate({ id: task.id, columnId: overColumn, afterId, beforeId, expectedVersion: task.version });
    },
    [board.data, grouped, move],
  );

  if (board.isPending) {
    return (
      <div className="flex gap-4" aria-busy="true" aria-label={t("loadingBoard")}>
        {[0, 1, 2].map((i) => (
          <div key={i} className="h-64 w-72 animate-pulse rounded-lg bg-slate-100 dark:bg-slate-800" />
        ))}
      </div>
    );
  }
  if (board.isError) {
    return (
      <div role="alert" className="text-sm">
        <p className="text-red-600">{board.error.message}</p>
        <Button variant="secondary" className="mt-3" onClick={() => void board.refetch()}>
          {t("retry")}
        </Button>
      </div>
    );
  }

  const canEdit = canEditTasks(board.data.role) && board.data.project.status === "ACTIVE";
  const firstColumn = board.data.columns[0];
  return (
    <div className="space-y-3">
      {error ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 dark:bg-red-950 dark:text-red-200">
          {error}
        </p>
      ) : null}
      <DndContext
        sensors={sensors}
        collisionDetection={collisionDetection}
        onDragStart={onDragStart}
        onDragEnd={onDragEnd}
        onDragCancel={() => (dragging.current = false)}
        accessibility={accessibility}
      >
        <div className="flex gap-4 overflow-x-auto pb-4" data-testid="kanban-board">
          {board.data.columns.map((column) => (
            <BoardColumn
              key={column.id}
              column={column}
              tasks={grouped.get(column.id) ?? []}
              labelsById={labelsById}
              namesById={namesById}
              canEdit={canEdit}
              onOpen={setOpenTaskId}
            >
              {canEdit && column.id === firstColumn?.id ? (
                <form
                  className="mb-2 flex gap-2"
                  onSubmit={(event) => {
                    event.preventDefault();
                    if (newTitle.trim()) create.mutate({ projectId, title: newTitle, columnId: column.id });
                  }}
                >
                  <label className="sr-only" htmlFor="new-task-title">
                    {t("newTaskTitle")}
                  </label>
                  <input
                    id="new-task-title"
                    value={newTitle}
                    maxLength={200}
                    onChange={(event) => setNewTitle(event.target.value)}
                    placeholder={t("newTaskPlaceholder")}
                    className="min-w-0 flex-1 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-600 dark:bg-slate-900"
                  />
                  <Button type="submit" disabled={create.isPending || !newTitle.trim()}>
                    {t("addTask")}
                  </Button>
                </form>
              ) : null}
            </BoardColumn>
          ))}
        </div>
      </DndContext>
      {openTaskId ? (
        <TaskDialog taskId={openTaskId} projectId={projectId} members={members.data ?? []} labels={board.data.labels} onClose={() => setOpenTaskId(null)} />
      ) : null}
    </div>
  );
}
