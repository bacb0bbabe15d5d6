"use client";

import { useFormatter, useTranslations } from "next-intl";
import type { RouterOutputs } from "@/trpc/react";
import { cn } from "../ui/cn";
import { useUsd } from "./use-usd";

type Report = RouterOutputs["ai"]["usage"];
type Role = "OWNER" | "ADMIN" | "MANAGER" | "STAFF";

function isRole(value: string | null): value is Role {
  return value === "OWNER" || value === "ADMIN" || value === "MANAGER" || value === "STAFF";
}

/** One row per member (and former member who used AI), flagged rows first. */
export function UsageTable({ report }: { report: Report }) {
  const t = useTranslations("ai.usage");
  const format = useFormatter();
  const usd = useUsd();
  const count = (value: number) => format.number(value);
  const cell = "px-3 py-2 text-right tabular-nums";

  return (
    <div className="overflow-x-auto">
      <table className="w-full min-w-[720px] text-sm" data-testid="usage-table">
        <caption className="sr-only">{t("table.caption")}</caption>
        <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-600 dark:bg-slate-800 dark:text-slate-300">
          <tr>
            <th scope="col" className="px-3 py-2">{t("table.user")}</th>
            <th scope="col" className="px-3 py-2">{t("table.role")}</th>
            <th scope="col" className="px-3 py-2 text-right">{t("table.tokensIn")}</th>
            <th scope="col" className="px-3 py-2 text-right">{t("table.tokensOut")}</th>
            <th scope="col" className="px-3 py-2 text-right">{t("table.cost")}</th>
            <th scope="col" className="px-3 py-2 text-right">{t("table.revenue")}</th>
            <th scope="col" className="px-3 py-2 text-right">{t("table.margin")}</th>
            <th scope="col" className="px-3 py-2">{t("table.status")}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {report.users.length === 0 ? (
            <tr>
              <td colSpan={8} className="px-3 py-4 text-slate-600 dark:text-slate-300">{t("table.empty")}</td>
            </tr>
          ) : null}
          {report.users.map((user) => (
            <tr
              key={user.userId}
              data-testid="usage-row"
              data-flagged={user.flagged ? "true" : "false"}
              className={cn(user.flagged && "bg-red-50 dark:bg-red-950/40")}
            >
              <td className="px-3 py-2">
                <div className="font-medium">{user.name ?? user.email ?? t("table.deletedUser")}</div>
                {user.name && user.email ? <div className="text-xs text-slate-500">{user.email}</div> : null}
              </td>
              <td className="px-3 py-2">{isRole(user.role) ? t(`roles.${user.role}`) : t("table.former")}</td>
              <td className={cell}>{count(user.inputTokens)}</td>
              <td className={cell}>{count(user.outputTokens)}</td>
              <td className={cell}>{usd(user.costMicros)}</td>
              <td className={cell}>{usd(user.revenueMicros)}</td>
              <td className={cn(cell, user.marginMicros < 0 && "font-semibold text-red-700 dark:text-red-300")}>
                {usd(user.marginMicros)}
              </td>
              <td className="px-3 py-2">
                {user.flagged ? (
                  <span className="inline-flex items-center gap-1 rounded-full bg-red-100 px-2 py-0.5 text-xs font-semibold text-red-800 dark:bg-red-900 dark:text-red-100">
                    <span aria-hidden="true">▲</span>
                    {t("table.flag")}
                  </span>
                ) : (
                  <span className="text-xs text-slate-500">{t("table.ok")}</span>
                )}
              </td>
            </tr>
          ))}
          {report.unattributed ? (
            <tr className="italic text-slate-600 dark:text-slate-300">
              <td className="px-3 py-2">{t("table.background")}</td>
              <td className="px-3 py-2">{t("table.notApplicable")}</td>
              <td className={cell}>{count(report.unattributed.inputTokens)}</td>
              <td className={cell}>{count(report.unattributed.outputTokens)}</td>
              <td className={cell}>{usd(report.unattributed.costMicros)}</td>
              <td className={cell}>{t("table.notApplicable")}</td>
              <td className={cell}>{t("table.notApplicable")}</td>
              <td className="px-3 py-2" />
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}
