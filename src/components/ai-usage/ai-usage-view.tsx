"use client";

import { keepPreviousData } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { api } from "@/trpc/react";
import { AiNotice, useAiStatus } from "../ai/ai-status";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { LoadingRows } from "../ui/list-state";
import { cn } from "../ui/cn";
import { DateRangeForm } from "../ui/date-range-form";
import { presetRange, type DateRange } from "./format";
import { UsageChart } from "./usage-chart";
import { UsageTable } from "./usage-table";
import { useUsd } from "./use-usd";

const PRESETS = ["thisMonth", "last30", "last90"] as const;

export function AiUsageView({ canRead, initialRange }: { canRead: boolean; initialRange: DateRange }) {
  const t = useTranslations("ai.usage");
  if (!canRead) {
    return (
      <div className="space-y-6">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <Card>
          <p role="status" data-testid="usage-no-access" className="text-sm text-slate-700 dark:text-slate-200">
            {t("noAccess")}
          </p>
        </Card>
      </div>
    );
  }
  return <UsageReport initialRange={initialRange} />;
}

function UsageReport({ initialRange }: { initialRange: DateRange }) {
  const t = useTranslations("ai.usage");
  const format = useFormatter();
  const usd = useUsd();
  const [range, setRange] = useState<DateRange>(initialRange);
  const usage = api.ai.usage.useQuery(range, { placeholderData: keepPreviousData, retry: false });
  const status = useAiStatus();
  const fieldErrors = usage.error?.data?.fieldErrors;
  const report = usage.data;

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">{t("title")}</h1>
          <p className="text-sm text-slate-600 dark:text-slate-300">{t("subtitle")}</p>
        </div>
        <AiNotice status={status.data} />
      </div>

      <Card>
        <DateRangeForm
          initial={initialRange}
          onApply={setRange}
          presets={PRESETS.map((preset) => ({ key: preset, label: t(`presets.${preset}`), range: () => presetRange(preset, new Date()) }))}
          labels={{ form: t("filter"), from: t("from"), to: t("to"), apply: t("apply") }}
          fieldErrors={fieldErrors}
          busy={usage.isFetching}
        />
        {usage.error && !fieldErrors ? (
          <div className="mt-3 text-sm">
            <p role="alert" className="text-red-600">
              {usage.error.message}
            </p>
            <Button variant="secondary" className="mt-2" onClick={() => void usage.refetch()}>
              {t("retry")}
            </Button>
          </div>
        ) : null}
      </Card>

      {!report ? (
        usage.isPending ? (
          <LoadingRows label={t("loading")} rowClassName="h-16" />
        ) : null
      ) : (
        <div className={cn("space-y-6", usage.isFetching && "opacity-70")} aria-busy={usage.isFetching}>
          <p className="text-sm text-slate-600 dark:text-slate-300">
            {t("planNote", {
              plan: report.plan.name,
              price: format.number(report.plan.monthlyPriceCents / 100, { style: "currency", currency: "USD" }),
              members: report.memberCount,
              timeZone: report.timeZone,
            })}
          </p>
          <dl className="grid gap-3 sm:grid-cols-3 lg:grid-cols-6" data-testid="usage-totals">
            <Stat label={t("cards.tokensIn")} value={format.number(report.totals.inputTokens)} />
            <Stat label={t("cards.tokensOut")} value={format.number(report.totals.outputTokens)} />
            <Stat label={t("cards.cost")} value={usd(report.totals.costMicros)} />
            <Stat label={t("cards.revenue")} value={usd(report.totals.revenueMicros)} />
            <Stat label={t("cards.margin")} value={usd(report.totals.marginMicros)} alert={report.totals.marginMicros < 0} />
            <Stat label={t("cards.flagged")} value={format.number(report.totals.flaggedUsers)} alert={report.totals.flaggedUsers > 0} />
          </dl>
          <Card>
            <UsageChart daily={report.daily} />
          </Card>
          <Card className="p-0">
            <h2 className="px-6 pt-5 pb-3 text-lg font-semibold">{t("table.title")}</h2>
            <UsageTable report={report} />
          </Card>
        </div>
      )}
    </div>
  );
}

function Stat({ label, value, alert = false }: { label: string; value: string; alert?: boolean }) {
  return (
    <div className={cn("rounded-lg border p-4", alert ? "border-red-300 bg-red-50 dark:border-red-800 dark:bg-red-950/40" : "border-slate-200 bg-white dark:border-slate-700 dark:bg-slate-900")}>
      <dt className="text-xs text-slate-600 dark:text-slate-300">{label}</dt>
      <dd className={cn("mt-1 text-lg font-semibold tabular-nums", alert && "text-red-700 dark:text-red-300")}>{value}</dd>
    </div>
  );
}
