"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useUsd } from "../ai-usage/use-usd";

type Row = {
  userId: string;
  name: string | null;
  email: string | null;
  tokens: number;
  calls: number;
  costMicros: number;
  /** Only in the platform view: the team the usage belongs to. */
  teamId?: string;
  teamName?: string | null;
};

/** The users with the most AI tokens in the range, most first. */
export function TopUsersTable({ users, showTeam }: { users: readonly Row[]; showTeam: boolean }) {
  const t = useTranslations("analytics.users");
  const format = useFormatter();
  const usd = useUsd();
  const cell = "px-3 py-2 text-right tabular-nums";
  return (
    <div className="overflow-x-auto">
      <table className="w-full min-w-[560px] text-sm" data-testid="top-users">
        <caption className="sr-only">{t("caption")}</caption>
        <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-600 dark:bg-slate-800 dark:text-slate-300">
          <tr>
            <th scope="col" className="px-3 py-2">{t("rank")}</th>
            <th scope="col" className="px-3 py-2">{t("user")}</th>
            {showTeam ? <th scope="col" className="px-3 py-2">{t("team")}</th> : null}
            <th scope="col" className="px-3 py-2 text-right">{t("tokens")}</th>
            <th scope="col" className="px-3 py-2 text-right">{t("calls")}</th>
            <th scope="col" className="px-3 py-2 text-right">{t("cost")}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {users.length === 0 ? (
            <tr>
              <td colSpan={showTeam ? 6 : 5} className="px-3 py-4 text-slate-600 dark:text-slate-300">
                {t("empty")}
              </td>
            </tr>
          ) : null}
          {users.map((user, index) => (
            <tr key={`${user.teamId ?? ""}:${user.userId}`} data-testid="top-user-row">
              <td className="px-3 py-2 tabular-nums text-slate-500">{index + 1}</td>
              <td className="px-3 py-2">
                <div className="font-medium">{user.name ?? user.email ?? t("deletedUser")}</div>
                {user.name && user.email ? <div className="text-xs text-slate-500">{user.email}</div> : null}
              </td>
              {showTeam ? <td className="px-3 py-2">{user.teamName ?? t("deletedTeam")}</td> : null}
              <td className={cell}>{format.number(user.tokens)}</td>
              <td className={cell}>{format.number(user.calls)}</td>
              <td className={cell}>{usd(user.costMicros)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
