"use client";

import { useFormatter, useTranslations } from "next-intl";
import { Card } from "../ui/card";
import { cn } from "../ui/cn";
import type { BillingOverview } from "./current-plan-card";
import { useMoney } from "./use-money";

/** AI tokens used this period against the plan's allowance, with the overage so far and the reset date. */
export function UsageMeter({ usage }: { usage: BillingOverview["usage"] }) {
  const t = useTranslations("billing.usage");
  const format = useFormatter();
  const money = useMoney();
  const percent = Math.round(usage.percentOfAllowance);
  const width = Math.min(100, Math.max(0, usage.percentOfAllowance));
  const tone = usage.percentOfAllowance >= 100 ? "bg-red-500" : usage.percentOfAllowance >= 80 ? "bg-amber-500" : "bg-brand-600";
  return (
    <Card className="space-y-3" data-testid="usage-meter">
      <h2 className="text-lg font-semibold">{t("title")}</h2>
      <p className="text-sm">
        {t("used", { used: format.number(usage.usedTokens), allowance: format.number(usage.allowanceTokens) })}
        <span className="text-slate-500"> · {t("percent", { percent })}</span>
      </p>
      <div
        role="progressbar"
        aria-label={t("barLabel")}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.min(100, percent)}
        className="h-3 w-full overflow-hidden rounded-full bg-slate-200 dark:bg-slate-700"
      >
        <div className={cn("h-full rounded-full", tone)} style={{ width: `${width}%` }} />
      </div>
      <p className="text-sm text-slate-600 dark:text-slate-300">
        {usage.overageTokens > 0 ? t("overage", { tokens: format.number(usage.overageTokens), amount: money(usage.overageCents) }) : t("noOverage")}
      </p>
      <p className="text-xs text-slate-500">
        {usage.usedTokens >= usage.capTokens ? (
          <strong className="font-semibold text-red-700 dark:text-red-300" data-testid="usage-cap-reached">
            {t("capReached", { cap: format.number(usage.capTokens) })}
          </strong>
        ) : (
          t("cap", { cap: format.number(usage.capTokens) })
        )}{" "}
        {t("resets", { date: format.dateTime(usage.periodEnd, { dateStyle: "medium", timeZone: "UTC" }) })}
      </p>
    </Card>
  );
}
