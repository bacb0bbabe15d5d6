"use client";

import { useTranslations } from "next-intl";
import { useTransition } from "react";
import { switchTeamAction } from "@/app/[locale]/(dashboard)/actions";
import { isTeamRole } from "@/lib/permissions";

type TeamOption = { id: string; name: string; role: string };

export function TeamSwitcher({ teams, activeTeamId }: { teams: TeamOption[]; activeTeamId: string }) {
  const t = useTranslations("shell");
  const roles = useTranslations("common.roles");
  const [pending, startTransition] = useTransition();
  return (
    <label className="flex items-center gap-2 text-sm">
      <span className="sr-only">{t("activeTeam")}</span>
      <select
        aria-label={t("activeTeam")}
        className="max-w-48 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-600 dark:bg-slate-900"
        value={activeTeamId}
        disabled={pending || teams.length < 2}
        onChange={(event) => {
          const form = new FormData();
          form.set("teamId", event.target.value);
          startTransition(() => switchTeamAction(form));
        }}
      >
        {teams.map((team) => (
          <option key={team.id} value={team.id}>
            {t("teamOption", { name: team.name, role: isTeamRole(team.role) ? roles(team.role) : team.role })}
          </option>
        ))}
      </select>
    </label>
  );
}
