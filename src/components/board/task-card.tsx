"use client";

import { useSortable } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { useFormatter, useTranslations } from "next-intl";
import { memo } from "react";
import { cn } from "../ui/cn";
import type { BoardTask } from "./board-model";

export const PRIORITY_STYLE: Record<BoardTask["priority"], string> = {
  LOW: "bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-200",
  MEDIUM: "bg-sky-100 text-sky-800 dark:bg-sky-950 dark:text-sky-200",
  HIGH: "bg-amber-100 text-amber-800 dark:bg-amber-950 dark:text-amber-200",
  URGENT: "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-200",
};

type Props = {
  task: BoardTask;
  assigneeName: string | null;
  labels: Array<{ id: string; name: string; color: string }>;
  disabled: boolean;
  onOpen: (id: string) => void;
};

/** One card; memoised so a board of hundreds of tasks only re-renders what moves. */
export const TaskCard = memo(function TaskCard({ task, assigneeName, labels, disabled, onOpen }: Props) {
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({
    id: task.id,
    data: { columnId: task.columnId },
    disabled,
  });
  const t = useTranslations("board");
  const format = useFormatter();
  const overdue = task.dueDate !== null && task.dueDate.getTime() < Date.now();
  const priority = t(`priorities.${task.priority}`);
  return (
    <li
      ref={setNodeRef}
      style={{ transform: CSS.Transform.toString(transform), transition }}
      className={cn(
        "rounded-md border border-slate-200 bg-white p-3 text-sm shadow-sm outline-none focus-visible:ring-2 focus-visible:ring-brand-500 dark:border-slate-700 dark:bg-slate-900",
        isDragging && "opacity-50",
        !disabled && "cursor-grab active:cursor-grabbing",
      )}
      data-testid="task-card"
      data-task-title={task.title}
      {...attributes}
      {...listeners}
      aria-roledescription={t("card.roleDescription")}
      aria-label={`${t("card.label", { title: task.title, priority })}${disabled ? "" : ` ${t("card.dragHint")}`}`}
    >
      <button
        type="button"
        className="text-left font-medium hover:underline"
        onPointerDown={(event) => event.stopPropagation()}
        onKeyDown={(event) => event.stopPropagation()}
        onClick={() => onOpen(task.id)}
      >
        {task.title}
      </button>
      <div className="mt-2 flex flex-wrap items-center gap-1.5 text-xs">
        <span className={cn("rounded px-1.5 py-0.5 font-medium", PRIORITY_STYLE[task.priority])}>{priority}</span>
        {labels.map((label) => (
          <span key={label.id} className="rounded px-1.5 py-0.5 text-white" style={{ backgroundColor: label.color }}>
            {label.name}
          </span>
        ))}
        {task.dueDate ? (
          <span className={cn("ml-auto", overdue ? "font-medium text-red-600" : "text-slate-500")}>
            {format.dateTime(task.dueDate, {
              day: "numeric",
              month: "short",
              // Due dates are stored as midnight UTC: show that calendar day wherever the reader is.
              timeZone: "UTC",
              ...(task.dueDate.getUTCFullYear() === new Date().getUTCFullYear() ? {} : { year: "numeric" }),
            })}
          </span>
        ) : null}
      </div>
      {assigneeName ? <p className="mt-1 text-xs text-slate-500">{assigneeName}</p> : null}
    </li>
  );
});
