"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Link } from "@/i18n/navigation";
import { canManageProject } from "@/lib/permissions";
import type { Permission } from "@/lib/permissions";
import { api } from "@/trpc/react";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { LoadError, LoadingRows } from "../ui/list-state";
import { Field } from "../ui/field";

type FieldErrors = Record<string, string[]> | null | undefined;

function fieldError(errors: FieldErrors, field: string): string | undefined {
  return errors?.[field]?.[0];
}

export function ProjectsView({ permissions }: { permissions: Permission[] }) {
  const t = useTranslations("projects");
  const canCreate = permissions.includes("project:create");
  const canUpdateAny = permissions.includes("project:update");
  const canDelete = permissions.includes("project:delete");
  const utils = api.useUtils();
  const list = api.project.list.useQuery({ limit: 50 });
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const create = api.project.create.useMutation({
    onSuccess: async () => {
      setName("");
      setDescription("");
      await utils.project.list.invalidate();
    },
  });
  const update = api.project.update.useMutation({ onSuccess: () => utils.project.list.invalidate() });
  const remove = api.project.delete.useMutation({ onSuccess: () => utils.project.list.invalidate() });
  const actionError = update.error?.message ?? remove.error?.message;

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      {canCreate ? (
        <Card>
          <form
            className="grid gap-3 sm:grid-cols-[1fr_1fr_auto] sm:items-end"
            onSubmit={(event) => {
              event.preventDefault();
              create.mutate({ name, description: description || undefined });
            }}
          >
            <Field
              label={t("projectName")}
              name="name"
              value={name}
              onChange={(event) => setName(event.target.value)}
              error={fieldError(create.error?.data?.fieldErrors, "name")}
            />
            <Field
              label={t("descriptionOptional")}
              name="description"
              value={description}
              onChange={(event) => setDescription(event.target.value)}
              error={fieldError(create.error?.data?.fieldErrors, "description")}
            />
            <Button type="submit" disabled={create.isPending}>
              {create.isPending ? t("creating") : t("create")}
            </Button>
          </form>
          {create.error && !create.error.data?.fieldErrors ? (
            <p role="alert" className="mt-2 text-sm text-red-600">
              {create.error.message}
            </p>
          ) : null}
        </Card>
      ) : null}
      {actionError ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {actionError}
        </p>
      ) : null}
      <Card className="p-0">
        {list.isPending ? (
          <LoadingRows label={t("loading")} className="space-y-2 p-6" />
        ) : list.isError ? (
          <LoadError className="p-6 text-sm" message={list.error.message} retryLabel={t("retry")} onRetry={() => void list.refetch()} />
        ) : list.data.items.length === 0 ? (
          <p className="p-6 text-sm text-slate-600 dark:text-slate-300">
            {canCreate ? t("emptyCanCreate") : t("emptyAskManager")}
          </p>
        ) : (
          <ul className="divide-y divide-slate-100 dark:divide-slate-800" data-testid="project-list">
            {list.data.items.map((project) => (
              <li key={project.id} className="flex flex-wrap items-center justify-between gap-3 px-6 py-4">
                <div className="min-w-0">
                  <p className="truncate font-medium">
                    <Link href={`/projects/${project.id}`} className="hover:underline">
                      {project.name}
                    </Link>
                    {project.status === "ARCHIVED" ? (
                      <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600 dark:bg-slate-800 dark:text-slate-300">
                        {t("archived")}
                      </span>
                    ) : null}
                  </p>
                  {project.description ? <p className="truncate text-sm text-slate-600 dark:text-slate-300">{project.description}</p> : null}
                </div>
                <div className="flex gap-2">
                  {canUpdateAny || canManageProject(project.role) ? (
                    <Button
                      variant="secondary"
                      disabled={update.isPending}
                      onClick={() =>
                        update.mutate({ id: project.id, data: { status: project.status === "ACTIVE" ? "ARCHIVED" : "ACTIVE" } })
                      }
                    >
                      {project.status === "ACTIVE" ? t("archive") : t("restore")}
                    </Button>
                  ) : null}
                  {canDelete ? (
                    <Button
                      variant="danger"
                      disabled={remove.isPending}
                      onClick={() => {
                        if (window.confirm(t("deleteConfirm", { name: project.name }))) remove.mutate({ id: project.id });
                      }}
                    >
                      {t("delete")}
                    </Button>
                  ) : null}
                </div>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
