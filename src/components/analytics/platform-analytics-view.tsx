"use client";

import { keepPreviousData } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { Link } from "@/i18n/navigation";
import { api } from "@/trpc/react";
import { useUsd } from "../ai-usage/use-usd";
import { Card } from "../ui/card";
import { cn } from "../ui/cn";
import { LoadError, LoadingRows } from "../ui/list-state";
import { CostChart } from "./cost-chart";
import { PLATFORM_PRESETS, type DateRange } from "./format";
import { MrrChart } from "./mrr-chart";
import { RangeFilter } from "./range-filter";
import { Stat } from "./stat";
import { TopUsersTable } from "./top-users-table";
import { useCents, usePercent } from "./use-money";

const KINDS = ["new", "expansion", "reactivation", "contraction", "churn"] as const;

/** The operators' revenue dashboard: every team, from the revenue ledger and the AI usage log. */
export function PlatformAnalyticsView({ initialRange }: { initialRange: DateRange }) {
  const t = useTranslations("analytics");
  const format = useFormatter();
  const usd = useUsd();
  const cents = useCents();
  const percent = usePercent();
  const [range, setRange] = useState<DateRange>(initialRange);
  const query = api.analytics.platform.useQuery(range, { placeholderData: keepPreviousData, retry: false });
  const fieldErrors = query.error?.data?.fieldErrors;
  const report = query.data;

  return (
    <div className="space-y-6">
      <div>
        <Link href="/platform" className="text-sm text-brand-700 hover:underline dark:text-brand-300">
          {t("platform.back")}
        </Link>
        <h1 className="mt-1 text-2xl font-semibold">{t("platform.title")}</h1>
        <p className="text-sm text-slate-600 dark:text-slate-300">{t("platform.subtitle")}</p>
      </div>
      <Card>
        <RangeFilter scope="platform" range={range} presets={PLATFORM_PRESETS} onChange={setRange} fieldErrors={fieldErrors} />
        {query.error && !fieldErrors ? (
          <LoadError className="mt-3 text-sm" message={query.error.message} retryLabel={t("retry")} onRetry={() => void query.refetch()} />
        ) : null}
      </Card>

      {!report ? (
        query.isPending ? <LoadingRows label={t("loading")} rowClassName="h-16" /> : null
      ) : (
        <div className={cn("space-y-6", query.isFetching && "opacity-70")} aria-busy={query.isFetching} data-testid="platform-analytics">
          <p className="text-sm text-slate-600 dark:text-slate-300">{`${t("filter.utcNote")} ${t(report.granularity === "day" ? "filter.perDay" : "filter.perMonth")}`}</p>
          <dl className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3 xl:grid-cols-5" data-testid="platform-analytics-totals">
            <Stat testId="stat-mrr" label={t("platform.cards.mrr")} value={cents(report.summary.mrrEndCents)} note={t("platform.cards.mrrStart", { value: cents(report.summary.mrrStartCents) })} />
            <Stat
              testId="stat-net-new"
              label={t("platform.cards.netNew")}
              value={cents(report.summary.netNewCents, { signed: true })}
              tone={report.summary.netNewCents < 0 ? "bad" : report.summary.netNewCents > 0 ? "good" : "plain"}
            />
            <Stat
              testId="stat-logo-churn"
              label={t("platform.cards.logoChurn")}
              value={percent(report.summary.logoChurnRate)}
              note={t("platform.cards.logoChurnNote", { churned: report.summary.churnedTeams, paying: report.summary.payingTeamsStart })}
            />
            <Stat testId="stat-revenue-churn" label={t("platform.cards.revenueChurn")} value={percent(report.summary.revenueChurnRate)} />
            <Stat testId="stat-active-teams" label={t("platform.cards.activeTeams")} value={format.number(report.summary.payingTeamsEnd)} />
            <Stat testId="stat-arpu" label={t("platform.cards.arpu")} value={cents(report.summary.arpuCents)} />
            <Stat label={t("platform.cards.revenue")} value={usd(report.ai.revenueMicros)} />
            <Stat label={t("platform.cards.aiCost")} value={usd(report.ai.costMicros)} />
            <Stat label={t("platform.cards.costShare")} value={percent(report.ai.costShare)} />
          </dl>
          <Card>
            <h2 className="mb-3 text-sm font-medium">{t("platform.breakdown.title")}</h2>
            <dl className="grid gap-3 sm:grid-cols-5" data-testid="net-new-breakdown">
              {KINDS.map((kind) => {
                const value = report.summary.breakdownCents[kind];
                return (
                  <Stat
                    key={kind}
                    label={t(`platform.breakdown.${kind}`)}
                    value={cents(value, { signed: true })}
                    tone={value < 0 ? "bad" : value > 0 ? "good" : "plain"}
                    note={
                      kind === "new"
                        ? t("platform.breakdown.teams", { count: report.summary.newTeams })
                        : kind === "churn"
                          ? t("platform.breakdown.teams", { count: report.summary.churnedTeams })
                          : kind === "reactivation"
                            ? t("platform.breakdown.teams", { count: report.summary.reactivatedTeams })
                            : undefined
                    }
                  />
                );
              })}
            </dl>
          </Card>
          <Card>
            <MrrChart series={report.series} granularity={report.granularity} />
          </Card>
          <Card>
            <CostChart
              testId="platform-cost-chart"
              granularity={report.granularity}
              points={report.series.map((point) => ({ from: point.from, incomeMicros: point.revenueMicros, costMicros: point.costMicros, tokens: point.tokens }))}
              labels={{
                title: t("platform.costChart.title"),
                income: t("platform.costChart.revenue"),
                cost: t("platform.costChart.cost"),
                tokens: t("platform.costChart.tokens"),
                empty: t("platform.costChart.empty"),
              }}
            />
          </Card>
          <Card className="p-0">
            <h2 className="px-6 pt-5 pb-3 text-lg font-semibold">{t("users.title")}</h2>
            <TopUsersTable users={report.topUsers} showTeam />
          </Card>
        </div>
      )}
    </div>
  );
}
