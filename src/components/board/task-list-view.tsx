"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { api } from "@/trpc/react";
import { cn } from "../ui/cn";
import { useColumnName } from "./board-column";
import { PRIORITY_STYLE } from "./task-card";

type Filters = {
  search: string;
  priority: "" | "LOW" | "MEDIUM" | "HIGH" | "URGENT";
  assigneeId: string;
  labelId: string;
  due: "" | "overdue" | "today" | "week" | "none";
};

const selectClass = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-600 dark:bg-slate-900";

/** The list beside the board: the same tasks, filtered and searched. */
export function TaskListView({ projectId }: { projectId: string }) {
  const t = useTranslations("board");
  const format = useFormatter();
  const displayColumnName = useColumnName();
  const [filters, setFilters] = useState<Filters>({ search: "", priority: "", assigneeId: "", labelId: "", due: "" });
  const board = api.task.board.useQuery({ projectId });
  const members = api.projectMember.list.useQuery({ projectId });
  const list = api.task.list.useQuery({
    projectId,
    limit: 200,
    ...(filters.search.trim() ? { search: filters.search.trim() } : {}),
    ...(filters.priority ? { priority: filters.priority } : {}),
    ...(filters.assigneeId ? { assigneeId: filters.assigneeId } : {}),
    ...(filters.labelId ? { labelId: filters.labelId } : {}),
    ...(filters.due ? { due: filters.due } : {}),
  });
  const columnName = new Map((board.data?.columns ?? []).map((c) => [c.id, displayColumnName(c.name)]));
  const personName = new Map((members.data ?? []).map((m) => [m.userId, m.name ?? m.email ?? t("memberFallback")]));
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap gap-2" role="search">
        <label className="sr-only" htmlFor="task-search">
          {t("list.searchLabel")}
        </label>
        <input
          id="task-search"
          className={cn(selectClass, "min-w-48 flex-1")}
          placeholder={t("list.searchPlaceholder")}
          value={filters.search}
          maxLength={100}
          onChange={(event) => setFilters({ ...filters, search: event.target.value })}
        />
        <select aria-label={t("list.priority")} className={selectClass} value={filters.priority} onChange={(e) => setFilters({ ...filters, priority: e.target.value as Filters["priority"] })}>
          <option value="">{t("list.anyPriority")}</option>
          {(["LOW", "MEDIUM", "HIGH", "URGENT"] as const).map((p) => (
            <option key={p} value={p}>
              {t(`priorities.${p}`)}
            </option>
          ))}
        </select>
        <select aria-label={t("list.assignee")} className={selectClass} value={filters.assigneeId} onChange={(e) => setFilters({ ...filters, assigneeId: e.target.value })}>
          <option value="">{t("list.anyone")}</option>
          <option value="none">{t("list.unassigned")}</option>
          {(members.data ?? []).map((m) => (
            <option key={m.userId} value={m.userId}>
              {m.name ?? m.email}
            </option>
          ))}
        </select>
        <select aria-label={t("list.label")} className={selectClass} value={filters.labelId} onChange={(e) => setFilters({ ...filters, labelId: e.target.value })}>
          <option value="">{t("list.anyLabel")}</option>
          {(board.data?.labels ?? []).map((l) => (
            <option key={l.id} value={l.id}>
              {l.name}
            </option>
          ))}
        </select>
        <select aria-label={t("list.due")} className={selectClass} value={filters.due} onChange={(e) => setFilters({ ...filters, due: e.target.value as Filters["due"] })}>
          <option value="">{t("list.dueFilters.any")}</option>
          <option value="overdue">{t("list.dueFilters.overdue")}</option>
          <option value="today">{t("list.dueFilters.today")}</option>
          <option value="week">{t("list.dueFilters.week")}</option>
          <option value="none">{t("list.dueFilters.none")}</option>
        </select>
      </div>
      {list.isError ? (
        <p role="alert" className="text-sm text-red-600">
          {list.error.message}
        </p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-700 dark:bg-slate-900">
          <table className="w-full text-left text-sm" data-testid="task-table">
            <thead className="border-b border-slate-200 text-xs uppercase text-slate-500 dark:border-slate-700">
              <tr>
                <th className="px-4 py-2">{t("list.columns.task")}</th>
                <th className="px-4 py-2">{t("list.columns.status")}</th>
                <th className="px-4 py-2">{t("list.columns.priority")}</th>
                <th className="px-4 py-2">{t("list.columns.assignee")}</th>
                <th className="px-4 py-2">{t("list.columns.due")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
              {(list.data?.items ?? []).map((task) => (
                <tr key={task.id}>
                  <td className="px-4 py-2 font-medium">{task.title}</td>
                  <td className="px-4 py-2">{columnName.get(task.columnId) ?? ""}</td>
                  <td className="px-4 py-2">
                    <span className={cn("rounded px-1.5 py-0.5 text-xs", PRIORITY_STYLE[task.priority])}>{t(`priorities.${task.priority}`)}</span>
                  </td>
                  <td className="px-4 py-2">{task.assigneeId ? (personName.get(task.assigneeId) ?? "") : "—"}</td>
                  <td className="px-4 py-2">{task.dueDate ? format.dateTime(task.dueDate, { dateStyle: "medium", timeZone: "UTC" }) : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {list.data && list.data.items.length === 0 ? <p className="p-4 text-sm text-slate-600 dark:text-slate-300">{t("list.empty")}</p> : null}
        </div>
      )}
    </div>
  );
}
