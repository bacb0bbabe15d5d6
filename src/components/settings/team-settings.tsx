"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import type { Permission, TeamRole } from "@/lib/permissions";
import { api } from "@/trpc/react";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { Field } from "../ui/field";

const ROLE_OPTIONS: TeamRole[] = ["OWNER", "ADMIN", "MANAGER", "STAFF"];
const select = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-600 dark:bg-slate-900";

export function TeamSettings({ permissions, myUserId }: { permissions: Permission[]; myUserId: string }) {
  const t = useTranslations("settings");
  const utils = api.useUtils();
  const canInvite = permissions.includes("member:invite");
  const canEditRoles = permissions.includes("member:update-role");
  const canRemove = permissions.includes("member:remove");
  const members = api.team.members.useQuery();
  const invitations = api.invitation.list.useQuery(undefined, { enabled: canInvite });
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<TeamRole>("STAFF");
  const refresh = () => Promise.all([utils.team.members.invalidate(), utils.invitation.list.invalidate()]);
  const invite = api.invitation.create.useMutation({ onSuccess: () => { setEmail(""); return refresh(); } });
  const resend = api.invitation.resend.useMutation({ onSuccess: refresh });
  const revoke = api.invitation.delete.useMutation({ onSuccess: refresh });
  const updateMember = api.team.updateMember.useMutation({ onSuccess: refresh });
  const removeMember = api.team.removeMember.useMutation({ onSuccess: refresh });
  const error = updateMember.error ?? removeMember.error ?? resend.error ?? revoke.error;

  return (
    <div className="space-y-6">
      {error ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {error.message}
        </p>
      ) : null}
      <Card className="p-0">
        <h2 className="border-b border-slate-100 px-6 py-3 font-semibold dark:border-slate-800">{t("members")}</h2>
        <ul className="divide-y divide-slate-100 dark:divide-slate-800" data-testid="team-members">
          {(members.data ?? []).map((m) => (
            <li key={m.id} className="flex flex-wrap items-center justify-between gap-2 px-6 py-3 text-sm">
              <span>
                <span className="font-medium">{m.name ?? m.email}</span> <span className="text-slate-500">{m.email}</span>
              </span>
              <span className="flex items-center gap-2">
                {canEditRoles && m.id !== myUserId ? (
                  <select aria-label={t("roleOf", { email: m.email })} className={select} value={m.role} onChange={(e) => updateMember.mutate({ id: m.id, data: { role: e.target.value as TeamRole } })}>
                    {ROLE_OPTIONS.map((r) => (
                      <option key={r} value={r}>
                        {t(`roles.${r}`)}
                      </option>
                    ))}
                  </select>
                ) : (
                  <span className="text-slate-600 dark:text-slate-300">{t(`roles.${m.role}`)}</span>
                )}
                {canRemove && m.id !== myUserId ? (
                  <Button
                    variant="secondary"
                    onClick={() => {
                      if (window.confirm(t("removeConfirm", { email: m.email }))) removeMember.mutate({ id: m.id });
                    }}
                  >
                    {t("remove")}
                  </Button>
                ) : null}
              </span>
            </li>
          ))}
        </ul>
      </Card>
      {canInvite ? (
        <Card>
          <h2 className="mb-4 font-semibold">{t("invitePeople")}</h2>
          <form
            className="grid gap-3 sm:grid-cols-[1fr_auto_auto] sm:items-end"
            onSubmit={(event) => {
              event.preventDefault();
              invite.mutate({ email, role });
            }}
          >
            <Field label={t("email")} name="invite-email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} error={invite.error?.message} />
            <label className="text-sm font-medium">
              {t("role")}
              <select className={`${select} mt-1 block`} value={role} onChange={(e) => setRole(e.target.value as TeamRole)}>
                {ROLE_OPTIONS.map((r) => (
                  <option key={r} value={r}>
                    {t(`roles.${r}`)}
                  </option>
                ))}
              </select>
            </label>
            <Button type="submit" disabled={invite.isPending || !email}>
              {t("sendInvitation")}
            </Button>
          </form>
          <ul className="mt-6 divide-y divide-slate-100 text-sm dark:divide-slate-800" data-testid="invitations">
            {(invitations.data ?? []).map((i) => (
              <li key={i.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <span>
                  {t.rich("invitationLine", {
                    email: i.email,
                    role: t(`roles.${i.role}`),
                    state: t(`invitationStates.${i.state}`),
                    muted: (chunks) => <span className="text-slate-500">{chunks}</span>,
                  })}
                </span>
                {i.state === "PENDING" || i.state === "EXPIRED" ? (
                  <span className="flex gap-2">
                    <Button variant="secondary" onClick={() => resend.mutate({ id: i.id })}>
                      {t("resend")}
                    </Button>
                    {i.state === "PENDING" ? (
                      <Button variant="ghost" onClick={() => revoke.mutate({ id: i.id })}>
                        {t("revoke")}
                      </Button>
                    ) : null}
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
    </div>
  );
}
