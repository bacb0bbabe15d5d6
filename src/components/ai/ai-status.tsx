"use client";

import { useFormatter, useTranslations } from "next-intl";
import { api, type RouterOutputs } from "@/trpc/react";
import { cn } from "../ui/cn";

export type AiStatusView = RouterOutputs["ai"]["status"];

/**
 * Which AI the team is talking to and whether it answers right now. Cached for a
 * while; while the circuit breaker is open it re-checks often, so the notice goes
 * away by itself once calls are let through again.
 */
export function useAiStatus() {
  return api.ai.status.useQuery(undefined, {
    staleTime: 30_000,
    refetchInterval: (query) => (query.state.data && !query.state.data.available ? 15_000 : false),
  });
}

/**
 * Nothing when the AI is fine; a small "local AI" badge when no model is
 * configured (answers are extractive); a notice when the AI is down, saying the
 * rest of the app is unaffected.
 */
export function AiNotice({ status, className }: { status: AiStatusView | null | undefined; className?: string }) {
  const t = useTranslations("ai.notice");
  const format = useFormatter();
  if (!status) return null;
  if (!status.available) {
    const retryAt = status.retryAt ? new Date(status.retryAt) : null;
    return (
      <div
        role="status"
        data-testid="ai-unavailable"
        className={cn("rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100", className)}
      >
        {t("unavailable")}
        {retryAt && !Number.isNaN(retryAt.getTime()) ? ` ${t("retryAt", { time: format.dateTime(retryAt, { timeStyle: "short" }) })}` : null}
      </div>
    );
  }
  if (status.provider === "local") {
    return (
      <span
        data-testid="ai-local"
        title={t("localHint")}
        className={cn("inline-flex items-center rounded-full border border-slate-300 bg-slate-50 px-2 py-0.5 text-xs font-medium text-slate-700 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-200", className)}
      >
        {t("local")}
      </span>
    );
  }
  return null;
}
