"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { canEditTasks } from "@/lib/permissions";
import { api } from "@/trpc/react";
import { Button } from "../ui/button";
import { Markdown } from "../ui/markdown";

type Member = { userId: string; name: string | null; email: string | null };
type Label = { id: string; name: string; color: string };

const PRIORITIES = ["LOW", "MEDIUM", "HIGH", "URGENT"] as const;

type TaskForm = {
  title: string;
  description: string;
  priority: (typeof PRIORITIES)[number];
  assigneeId: string;
  dueDate: string;
  labelIds: string[];
};

/** Task details: edit fields (refused if someone else changed the task meanwhile) and discuss in comments. */
export function TaskDialog(props: { taskId: string; projectId: string; members: Member[]; labels: Label[]; onClose: () => void }) {
  const { taskId, projectId, members, labels, onClose } = props;
  const t = useTranslations("board");
  const format = useFormatter();
  const utils = api.useUtils();
  const task = api.task.get.useQuery({ id: taskId });
  const comments = api.taskComment.list.useQuery({ taskId });
  const dialog = useRef<HTMLDialogElement>(null);
  // The form shows the task as loaded plus the user's edits. Saving sends only
  // the edited fields, with the version the first edit was made on: a change
  // someone else saved meanwhile is refused, never silently overwritten.
  const [edits, setEdits] = useState<Partial<TaskForm>>({});
  const [editedVersion, setEditedVersion] = useState<number | null>(null);
  const [comment, setComment] = useState("");
  const [preview, setPreview] = useState(false);
  const loaded: TaskForm | null = task.data
    ? {
        title: task.data.title,
        description: task.data.description ?? "",
        priority: task.data.priority,
        assigneeId: task.data.assigneeId ?? "",
        dueDate: task.data.dueDate ? task.data.dueDate.toISOString().slice(0, 10) : "",
        labelIds: task.data.labelIds,
      }
    : null;
  const form: TaskForm | null = loaded ? { ...loaded, ...edits } : null;
  const setForm = (next: TaskForm) => {
    if (editedVersion === null && task.data) setEditedVersion(task.data.version);
    if (!loaded) return;
    const changed: Partial<TaskForm> = {};
    for (const key of Object.keys(next) as Array<keyof TaskForm>) {
      if (JSON.stringify(next[key]) !== JSON.stringify(loaded[key])) Object.assign(changed, { [key]: next[key] });
    }
    setEdits(changed);
  };

  useEffect(() => {
    dialog.current?.showModal();
  }, []);

  const update = api.task.update.useMutation({
    onSuccess: async () => {
      await Promise.all([utils.task.get.invalidate({ id: taskId }), utils.task.board.invalidate({ projectId })]);
      onClose();
    },
  });
  const remove = api.task.delete.useMutation({
    onSuccess: async () => {
      await utils.task.board.invalidate({ projectId });
      onClose();
    },
  });
  const addComment = api.taskComment.create.useMutation({
    onSuccess: async () => {
      setComment("");
      await utils.taskComment.list.invalidate({ taskId });
    },
  });
  const canEdit = task.data ? canEditTasks(task.data.role) : false;
  const nameOf = (id: string | null) => members.find((m) => m.userId === id)?.name ?? members.find((m) => m.userId === id)?.email ?? t("dialog.someone");

  return (
    <dialog
      ref={dialog}
      onClose={onClose}
      aria-label={t("dialog.label")}
      className="m-auto w-full max-w-2xl rounded-lg p-0 text-slate-900 backdrop:bg-slate-900/50 dark:bg-slate-900 dark:text-slate-100"
    >
      <div className="max-h-[85vh] space-y-4 overflow-y-auto p-6">
        {task.isPending || !form ? (
          <p aria-busy="true">{t("dialog.loading")}</p>
        ) : task.isError ? (
          <p role="alert" className="text-red-600">
            {task.error.message}
          </p>
        ) : (
          <form
            className="space-y-3"
            onSubmit={(event) => {
              event.preventDefault();
              if (Object.keys(edits).length === 0) {
                onClose();
                return;
              }
              update.mutate({
                id: taskId,
                expectedVersion: editedVersion ?? task.data.version,
                data: {
                  ...(edits.title !== undefined ? { title: edits.title } : {}),
                  ...(edits.description !== undefined ? { description: edits.description || null } : {}),
                  ...(edits.priority !== undefined ? { priority: edits.priority } : {}),
                  ...(edits.assigneeId !== undefined ? { assigneeId: edits.assigneeId || null } : {}),
                  ...(edits.dueDate !== undefined ? { dueDate: edits.dueDate ? new Date(`${edits.dueDate}T00:00:00Z`) : null } : {}),
                  ...(edits.labelIds !== undefined ? { labelIds: edits.labelIds } : {}),
                },
              });
            }}
          >
            <label className="block text-sm font-medium">
              {t("dialog.title")}
              <input
                className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 dark:border-slate-600 dark:bg-slate-950"
                value={form.title}
                maxLength={200}
                disabled={!canEdit}
                onChange={(event) => setForm({ ...form, title: event.target.value })}
              />
            </label>
            <div className="text-sm">
              <div className="flex items-center justify-between">
                <span className="font-medium" id="description-label">
                  {t("dialog.description")}
                </span>
                {canEdit ? (
                  <button type="button" className="text-brand-600 hover:underline" onClick={() => setPreview((value) => !value)}>
                    {preview ? t("dialog.write") : t("dialog.preview")}
                  </button>
                ) : null}
              </div>
              {canEdit && !preview ? (
                <textarea
                  aria-labelledby="description-label"
                  className="mt-1 block h-32 w-full rounded-md border border-slate-300 px-3 py-2 font-mono text-sm dark:border-slate-600 dark:bg-slate-950"
                  value={form.description}
                  maxLength={20_000}
                  onChange={(event) => setForm({ ...form, description: event.target.value })}
                />
              ) : (
                <div className="mt-1 min-h-16 rounded-md border border-slate-200 px-3 py-2 dark:border-slate-700" data-testid="description-preview">
                  {form.description ? <Markdown>{form.description}</Markdown> : <p className="text-slate-500">{t("dialog.noDescription")}</p>}
                </div>
              )}
            </div>
            <div className="grid gap-3 sm:grid-cols-3">
              <label className="block text-sm font-medium">
                {t("dialog.priority")}
                <select
                  className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-2 dark:border-slate-600 dark:bg-slate-950"
                  value={form.priority}
                  disabled={!canEdit}
                  onChange={(event) => setForm({ ...form, priority: event.target.value as (typeof PRIORITIES)[number] })}
                >
                  {PRIORITIES.map((p) => (
                    <option key={p} value={p}>
                      {t(`priorities.${p}`)}
                    </option>
                  ))}
                </select>
              </label>
              <label className="block text-sm font-medium">
                {t("dialog.assignee")}
                <select
                  className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-2 dark:border-slate-600 dark:bg-slate-950"
                  value={form.assigneeId}
                  disabled={!canEdit}
                  onChange={(event) => setForm({ ...form, assigneeId: event.target.value })}
                >
                  <option value="">{t("dialog.nobody")}</option>
                  {members.map((m) => (
                    <option key={m.userId} value={m.userId}>
                      {m.name ?? m.email}
                    </option>
                  ))}
                </select>
              </label>
              <label className="block text-sm font-medium">
                {t("dialog.dueDate")}
                <input
                  type="date"
                  className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1.5 dark:border-slate-600 dark:bg-slate-950"
                  value={form.dueDate}
                  disabled={!canEdit}
                  onChange={(event) => setForm({ ...form, dueDate: event.target.value })}
                />
              </label>
            </div>
            {labels.length > 0 ? (
              <fieldset className="text-sm">
                <legend className="font-medium">{t("dialog.labels")}</legend>
                <div className="mt-1 flex flex-wrap gap-3">
                  {labels.map((label) => (
                    <label key={label.id} className="flex items-center gap-1.5">
                      <input
                        type="checkbox"
                        disabled={!canEdit}
                        checked={form.labelIds.includes(label.id)}
                        onChange={(event) =>
                          setForm({
                            ...form,
                            labelIds: event.target.checked ? [...form.labelIds, label.id] : form.labelIds.filter((id) => id !== label.id),
                          })
                        }
                      />
                      <span className="rounded px-1.5 text-white" style={{ backgroundColor: label.color }}>
                        {label.name}
                      </span>
                    </label>
                  ))}
                </div>
              </fieldset>
            ) : null}
            {update.error || remove.error ? (
              <p role="alert" className="text-sm text-red-600">
                {update.error?.message ?? remove.error?.message}
              </p>
            ) : null}
            <div className="flex justify-between gap-2">
              <div>
                {canEdit ? (
                  <Button
                    variant="danger"
                    disabled={remove.isPending}
                    onClick={() => {
                      if (window.confirm(t("dialog.deleteConfirm"))) remove.mutate({ id: taskId });
                    }}
                  >
                    {t("dialog.delete")}
                  </Button>
                ) : null}
              </div>
              <div className="flex gap-2">
                <Button variant="secondary" onClick={onClose}>
                  {t("dialog.close")}
                </Button>
                {canEdit ? (
                  <Button type="submit" disabled={update.isPending}>
                    {t("dialog.save")}
                  </Button>
                ) : null}
              </div>
            </div>
          </form>
        )}
        <section aria-label={t("dialog.comments")} className="border-t border-slate-200 pt-4 dark:border-slate-700">
          <h3 className="text-sm font-semibold">{t("dialog.comments")}</h3>
          <ul className="mt-2 space-y-2 text-sm">
            {(comments.data ?? []).map((c) => (
              <li key={c.id} className="rounded-md bg-slate-50 p-2 dark:bg-slate-800">
                <p className="text-xs text-slate-500">
                  {nameOf(c.authorId)} · {format.dateTime(c.createdAt, { dateStyle: "medium", timeStyle: "short" })}
                </p>
                <Markdown>{c.body}</Markdown>
              </li>
            ))}
          </ul>
          {canEdit ? (
            <form
              className="mt-2 flex gap-2"
              onSubmit={(event) => {
                event.preventDefault();
                if (comment.trim()) addComment.mutate({ taskId, body: comment });
              }}
            >
              <label className="sr-only" htmlFor="new-comment">
                {t("dialog.commentLabel")}
              </label>
              <input
                id="new-comment"
                className="min-w-0 flex-1 rounded-md border border-slate-300 px-2 py-1.5 text-sm dark:border-slate-600 dark:bg-slate-950"
                value={comment}
                maxLength={10_000}
                onChange={(event) => setComment(event.target.value)}
                placeholder={t("dialog.commentPlaceholder")}
              />
              <Button type="submit" disabled={addComment.isPending || !comment.trim()}>
                {t("dialog.commentSubmit")}
              </Button>
            </form>
          ) : null}
        </section>
      </div>
    </dialog>
  );
}
