"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { api } from "@/trpc/react";
import { Button } from "../ui/button";

/** Who is in the project, with what role; leads add, change and remove members. */
export function ProjectMembersPanel({ projectId, canManage }: { projectId: string; canManage: boolean }) {
  const t = useTranslations("board");
  const utils = api.useUtils();
  const members = api.projectMember.list.useQuery({ projectId });
  const team = api.team.members.useQuery(undefined, { enabled: canManage });
  const [userId, setUserId] = useState("");
  const [role, setRole] = useState<"LEAD" | "MEMBER" | "VIEWER">("MEMBER");
  const refresh = () => Promise.all([utils.projectMember.list.invalidate({ projectId }), utils.task.board.invalidate({ projectId })]);
  const add = api.projectMember.create.useMutation({ onSuccess: () => { setUserId(""); return refresh(); } });
  const update = api.projectMember.update.useMutation({ onSuccess: refresh });
  const remove = api.projectMember.delete.useMutation({ onSuccess: refresh });
  const inProject = new Set((members.data ?? []).map((m) => m.userId));
  const candidates = (team.data ?? []).filter((m) => !inProject.has(m.id));
  const error = add.error ?? update.error ?? remove.error;
  return (
    <div className="space-y-4">
      {error ? (
        <p role="alert" className="text-sm text-red-600">
          {error.message}
        </p>
      ) : null}
      <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-700 dark:bg-slate-900" data-testid="project-members">
        {(members.data ?? []).map((m) => (
          <li key={m.id} className="flex flex-wrap items-center justify-between gap-2 px-4 py-3 text-sm">
            <span>
              <span className="font-medium">{m.name ?? m.email}</span> <span className="text-slate-500">{m.email}</span>
            </span>
            {canManage ? (
              <span className="flex gap-2">
                <select
                  aria-label={t("members.roleOf", { name: m.name ?? m.email ?? "" })}
                  className="rounded-md border border-slate-300 px-2 py-1 dark:border-slate-600 dark:bg-slate-900"
                  value={m.role}
                  onChange={(event) => update.mutate({ id: m.id, data: { role: event.target.value as typeof role } })}
                >
                  <option value="LEAD">{t("roles.LEAD")}</option>
                  <option value="MEMBER">{t("roles.MEMBER")}</option>
                  <option value="VIEWER">{t("roles.VIEWER")}</option>
                </select>
                <Button variant="secondary" onClick={() => remove.mutate({ id: m.id })}>
                  {t("members.remove")}
                </Button>
              </span>
            ) : (
              <span className="text-slate-600 dark:text-slate-300">{t(`roles.${m.role}`)}</span>
            )}
          </li>
        ))}
      </ul>
      {canManage && candidates.length > 0 ? (
        <form
          className="flex flex-wrap gap-2"
          onSubmit={(event) => {
            event.preventDefault();
            if (userId) add.mutate({ projectId, userId, role });
          }}
        >
          <select aria-label={t("members.memberToAdd")} className="rounded-md border border-slate-300 px-2 py-1.5 text-sm dark:border-slate-600 dark:bg-slate-900" value={userId} onChange={(e) => setUserId(e.target.value)}>
            <option value="">{t("members.chooseMember")}</option>
            {candidates.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name ?? m.email}
              </option>
            ))}
          </select>
          <select aria-label={t("members.projectRole")} className="rounded-md border border-slate-300 px-2 py-1.5 text-sm dark:border-slate-600 dark:bg-slate-900" value={role} onChange={(e) => setRole(e.target.value as typeof role)}>
            <option value="MEMBER">{t("roles.MEMBER")}</option>
            <option value="LEAD">{t("roles.LEAD")}</option>
            <option value="VIEWER">{t("roles.VIEWER")}</option>
          </select>
          <Button type="submit" disabled={!userId || add.isPending}>
            {t("members.addToProject")}
          </Button>
        </form>
      ) : null}
    </div>
  );
}
