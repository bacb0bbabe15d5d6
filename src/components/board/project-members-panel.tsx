"use client";

import { useState } from "react";
import { api } from "@/trpc/react";
import { Button } from "../ui/button";

/** Who is in the project, with what role; leads add, change and remove members. */
export function ProjectMembersPanel({ projectId, canManage }: { projectId: string; canManage: boolean }) {
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
                  aria-label={`Role of ${m.name ?? m.email}`}
                  className="rounded-md border border-slate-300 px-2 py-1 dark:border-slate-600 dark:bg-slate-900"
                  value={m.role}
                  onChange={(event) => update.mutate({ id: m.id, data: { role: event.target.value as typeof role } })}
                >
                  <option value="LEAD">lead</option>
                  <option value="MEMBER">member</option>
                  <option value="VIEWER">viewer</option>
                </select>
                <Button variant="secondary" onClick={() => remove.mutate({ id: m.id })}>
                  Remove
                </Button>
              </span>
            ) : (
              <span className="text-slate-600 dark:text-slate-300">{m.role.toLowerCase()}</span>
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
          <select aria-label="Team member to add" className="rounded-md border border-slate-300 px-2 py-1.5 text-sm dark:border-slate-600 dark:bg-slate-900" value={userId} onChange={(e) => setUserId(e.target.value)}>
            <option value="">Choose a team member…</option>
            {candidates.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name ?? m.email}
              </option>
            ))}
          </select>
          <select aria-label="Project role" className="rounded-md border border-slate-300 px-2 py-1.5 text-sm dark:border-slate-600 dark:bg-slate-900" value={role} onChange={(e) => setRole(e.target.value as typeof role)}>
            <option value="MEMBER">member</option>
            <option value="LEAD">lead</option>
            <option value="VIEWER">viewer</option>
          </select>
          <Button type="submit" disabled={!userId || add.isPending}>
            Add to project
          </Button>
        </form>
      ) : null}
    </div>
  );
}
