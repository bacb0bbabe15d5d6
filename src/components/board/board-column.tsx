"use client";

import { useDroppable } from "@dnd-kit/core";
import { SortableContext, verticalListSortingStrategy } from "@dnd-kit/sortable";
import { useTranslations } from "next-intl";
import { useCallback } from "react";
import { cn } from "../ui/cn";
import type { BoardTask } from "./board-model";
import { TaskCard } from "./task-card";

/** The names new projects' columns are created with (server/services/tasks/columns.ts). */
const DEFAULT_COLUMN_KEYS = new Map<string, "todo" | "inProgress" | "done">([
  ["To do", "todo"],
  ["In progress", "inProgress"],
  ["Done", "done"],
]);

/**
 * Column names are user data and shown as stored, except the untouched defaults,
 * which are shown in the reader's language.
 */
export function useColumnName(): (name: string) => string {
  const t = useTranslations("board.defaultColumns");
  return useCallback(
    (name: string) => {
      const key = DEFAULT_COLUMN_KEYS.get(name);
      return key ? t(key) : name;
    },
    [t],
  );
}

type Props = {
  column: { id: string; name: string; category: string };
  tasks: BoardTask[];
  labelsById: Map<string, { id: string; name: string; color: string }>;
  namesById: Map<string, string>;
  canEdit: boolean;
  onOpen: (id: string) => void;
  children?: React.ReactNode;
};

export function BoardColumn({ column, tasks, labelsById, namesById, canEdit, onOpen, children }: Props) {
  const { setNodeRef, isOver } = useDroppable({ id: `column:${column.id}`, data: { columnId: column.id } });
  const name = useColumnName()(column.name);
  return (
    <section
      aria-label={name}
      data-testid={`column-${column.category}`}
      className={cn(
        "flex w-72 shrink-0 flex-col rounded-lg bg-slate-100 p-3 dark:bg-slate-800/60",
        isOver && "ring-2 ring-brand-500",
      )}
    >
      <h2 className="mb-2 flex items-center justify-between text-sm font-semibold">
        {name}
        <span className="rounded-full bg-white px-2 text-xs text-slate-600 dark:bg-slate-900 dark:text-slate-300">{tasks.length}</span>
      </h2>
      {children}
      <SortableContext items={tasks.map((t) => t.id)} strategy={verticalListSortingStrategy}>
        <ul ref={setNodeRef} className="flex min-h-16 flex-1 flex-col gap-2">
          {tasks.map((task) => (
            <TaskCard
              key={task.id}
              task={task}
              disabled={!canEdit}
              onOpen={onOpen}
              assigneeName={task.assigneeId ? (namesById.get(task.assigneeId) ?? null) : null}
              labels={task.labelIds.flatMap((id) => labelsById.get(id) ?? [])}
            />
          ))}
        </ul>
      </SortableContext>
    </section>
  );
}
