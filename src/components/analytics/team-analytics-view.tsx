"use client";

import { keepPreviousData } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { api } from "@/trpc/react";
import { useUsd } from "../ai-usage/use-usd";
import { Card } from "../ui/card";
import { cn } from "../ui/cn";
import { LoadError, LoadingRows } from "../ui/list-state";
import { CostChart } from "./cost-chart";
import { TEAM_PRESETS, type DateRange } from "./format";
import { RangeFilter } from "./range-filter";
import { Stat } from "./stat";
import { TopUsersTable } from "./top-users-table";
import { useCents, usePercent } from "./use-money";

/** The team owner's analytics: the team's AI usage and cost against what it pays. */
export function TeamAnalyticsView({ canRead, initialRange }: { canRead: boolean; initialRange: DateRange }) {
  const t = useTranslations("analytics.team");
  if (!canRead) {
    return (
      <div className="space-y-6">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <Card>
          <p role="status" data-testid="analytics-no-access" className="text-sm text-slate-700 dark:text-slate-200">
            {t("noAccess")}
          </p>
        </Card>
      </div>
    );
  }
  return <TeamReport initialRange={initialRange} />;
}

function TeamReport({ initialRange }: { initialRange: DateRange }) {
  const t = useTranslations("analytics");
  const format = useFormatter();
  const usd = useUsd();
  const cents = useCents();
  const percent = usePercent();
  const [range, setRange] = useState<DateRange>(initialRange);
  const query = api.analytics.team.useQuery(range, { placeholderData: keepPreviousData, retry: false });
  const fieldErrors = query.error?.data?.fieldErrors;
  const report = query.data;

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">{t("team.title")}</h1>
        <p className="text-sm text-slate-600 dark:text-slate-300">{t("team.subtitle")}</p>
      </div>
      <Card>
        <RangeFilter scope="team" range={range} presets={TEAM_PRESETS} onChange={setRange} fieldErrors={fieldErrors} />
        {query.error && !fieldErrors ? (
          <LoadError className="mt-3 text-sm" message={query.error.message} retryLabel={t("retry")} onRetry={() => void query.refetch()} />
        ) : null}
      </Card>

      {!report ? (
        query.isPending ? <LoadingRows label={t("loading")} rowClassName="h-16" /> : null
      ) : (
        <div className={cn("space-y-6", query.isFetching && "opacity-70")} aria-busy={query.isFetching} data-testid="team-analytics">
          <p className="text-sm text-slate-600 dark:text-slate-300">
            {t("team.planNote", {
              plan: report.plan.name,
              status: t(`statuses.${report.plan.status ?? "NONE"}`),
              price: cents(report.plan.monthlyPriceCents),
              mrr: cents(report.mrrCents),
            })}{" "}
            {`${t("filter.utcNote")} ${t(report.granularity === "day" ? "filter.perDay" : "filter.perMonth")}`}
          </p>
          <dl className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4" data-testid="team-analytics-totals">
            <Stat label={t("team.cards.tokens")} value={format.number(report.totals.inputTokens + report.totals.outputTokens)} />
            <Stat label={t("team.cards.calls")} value={format.number(report.totals.calls)} />
            <Stat label={t("team.cards.cost")} value={usd(report.totals.costMicros)} />
            <Stat label={t("team.cards.costShare")} value={percent(report.totals.costShare)} />
            <Stat label={t("team.cards.fee")} value={usd(report.totals.feeMicros)} />
            <Stat label={t("team.cards.overage")} value={usd(report.totals.overageMicros)} />
            <Stat label={t("team.cards.paid")} value={usd(report.totals.paidMicros)} />
            <Stat label={t("team.cards.margin")} value={usd(report.totals.marginMicros)} tone={report.totals.marginMicros < 0 ? "bad" : "plain"} />
          </dl>
          <Card>
            <CostChart
              testId="team-cost-chart"
              granularity={report.granularity}
              points={report.series.map((point) => ({ from: point.from, incomeMicros: point.paidMicros, costMicros: point.costMicros, tokens: point.tokens }))}
              labels={{ title: t("team.chart.title"), income: t("team.chart.paid"), cost: t("team.chart.cost"), tokens: t("team.chart.tokens"), empty: t("team.chart.empty") }}
            />
          </Card>
          <Card className="p-0">
            <h2 className="px-6 pt-5 pb-3 text-lg font-semibold">{t("users.title")}</h2>
            <TopUsersTable users={report.topUsers} showTeam={false} />
          </Card>
        </div>
      )}
    </div>
  );
}
