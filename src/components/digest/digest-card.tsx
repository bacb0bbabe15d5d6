"use client";

import { useLocale, useTranslations } from "next-intl";
import { formatMoney, isCurrency } from "@/lib/invoices/money";
import { api, type RouterOutputs } from "@/trpc/react";
import { Button } from "../ui/button";
import { Card } from "../ui/card";

type Latest = RouterOutputs["digest"]["latest"];
type Digest = NonNullable<Latest["digest"]>;
type Metrics = NonNullable<Digest["metrics"]>;
type Money = { currency: string; totalMinor: string; count: number };

// While today's run is queued or running, the card checks back until it lands.
const POLL_MS = 3_000;

function money(currency: string, minor: string, locale: string): string {
  return isCurrency(currency) ? formatMoney(BigInt(minor), currency, locale) : `${currency} ${minor}`;
}

function MoneyList({ items, empty, locale }: { items: Money[]; empty: string; locale: string }) {
  if (items.length === 0) return <span className="text-slate-500">{empty}</span>;
  return (
    <span className="flex flex-col">
      {items.map((item) => (
        <span key={item.currency} className="tabular-nums">
          {money(item.currency, item.totalMinor, locale)}
        </span>
      ))}
    </span>
  );
}

function Figures({ metrics, locale }: { metrics: Metrics; locale: string }) {
  const t = useTranslations("digest");
  return (
    <div className="space-y-4">
      <dl className="grid gap-4 sm:grid-cols-3" data-testid="digest-numbers">
        <div>
          <dt className="text-xs uppercase tracking-wide text-slate-500">{t("revenue", { date: metrics.period.date })}</dt>
          <dd className="mt-1 text-lg font-semibold">
            <MoneyList items={metrics.revenue} empty={t("noRevenue")} locale={locale} />
          </dd>
        </div>
        <div>
          <dt className="text-xs uppercase tracking-wide text-slate-500">{t("overdueInvoices")}</dt>
          <dd className="mt-1 text-lg font-semibold">
            <span>{t("invoiceCount", { count: metrics.overdue.count })}</span>
            {metrics.overdue.count > 0 ? (
              <span className="block text-sm font-normal text-slate-600 dark:text-slate-300">
                <MoneyList items={metrics.overdue.byCurrency} empty="" locale={locale} />
              </span>
            ) : null}
          </dd>
        </div>
        <div>
          <dt className="text-xs uppercase tracking-wide text-slate-500">{t("tasks")}</dt>
          <dd className="mt-1 text-lg font-semibold">
            {t("tasksSummary", { pending: metrics.tasks.pending, overdue: metrics.tasks.overdue })}
          </dd>
        </div>
      </dl>
      {metrics.topCustomers.length > 0 ? (
        <div>
          <h3 className="text-xs uppercase tracking-wide text-slate-500">{t("topCustomers")}</h3>
          <ul className="mt-1 space-y-0.5 text-sm">
            {metrics.topCustomers.flatMap((group) =>
              group.customers.slice(0, 3).map((customer) => (
                <li key={`${group.currency}-${customer.name}`} className="flex justify-between gap-4">
                  <span className="truncate">{customer.name}</span>
                  <span className="tabular-nums">{money(group.currency, customer.totalMinor, locale)}</span>
                </li>
              )),
            )}
          </ul>
        </div>
      ) : null}
    </div>
  );
}

function providerText(digest: Digest, t: ReturnType<typeof useTranslations<"digest">>): string {
  if (digest.provider === "local") return t("providerLocal");
  if (digest.provider === "none") return t("providerNone");
  return digest.model;
}

export function DigestCard({ canGenerate }: { canGenerate: boolean }) {
  const t = useTranslations("digest");
  const locale = useLocale();
  const utils = api.useUtils();
  const latest = api.digest.latest.useQuery(undefined, {
    refetchInterval: (query) => {
      const status = query.state.data?.todayRun?.status;
      return status === "QUEUED" || status === "RUNNING" ? POLL_MS : false;
    },
  });
  const generate = api.digest.generate.useMutation({ onSuccess: () => utils.digest.latest.invalidate() });

  if (latest.isLoading) {
    return (
      <Card>
        <h2 className="font-semibold">{t("title")}</h2>
        <p className="mt-2 text-sm text-slate-500">{t("loading")}</p>
      </Card>
    );
  }
  if (latest.error || !latest.data) {
    return (
      <Card>
        <h2 className="font-semibold">{t("title")}</h2>
        <p role="alert" className="mt-2 text-sm text-red-700">
          {latest.error?.message ?? t("loadFailed")}
        </p>
      </Card>
    );
  }

  const { digest, schedule, todayRun } = latest.data;
  const working = todayRun?.status === "QUEUED" || todayRun?.status === "RUNNING" || generate.isPending;
  const hasToday = digest?.date === schedule.today;
  const showGenerate = canGenerate && !hasToday && !working;
  const arrives = t("arrives", { hour: String(schedule.hour).padStart(2, "0"), timezone: schedule.timezone });

  return (
    <Card data-testid="digest-card">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <h2 className="font-semibold">{t("title")}</h2>
          {digest ? (
            <p className="text-xs text-slate-500">
              {t("dateLine", { date: digest.date, timezone: digest.timezone })} · <span data-testid="digest-provider">{providerText(digest, t)}</span>
            </p>
          ) : null}
        </div>
        {showGenerate ? (
          <Button variant="secondary" onClick={() => generate.mutate()} data-testid="digest-generate">
            {todayRun?.failed ? t("retry") : t("generateNow")}
          </Button>
        ) : null}
      </div>

      {generate.error ? (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {generate.error.message}
        </p>
      ) : null}
      {working ? (
        <p className="mt-2 text-sm text-slate-600 dark:text-slate-300" role="status">
          {t("generating")}
        </p>
      ) : todayRun?.failed && !hasToday ? (
        <p className="mt-2 text-sm text-amber-700">{t("failed")}</p>
      ) : null}

      {digest ? (
        <div className="mt-4 space-y-4">
          {digest.metrics ? <Figures metrics={digest.metrics} locale={locale} /> : <p className="text-sm text-slate-500">{t("noNumbers")}</p>}
          <div>
            <h3 className="text-xs uppercase tracking-wide text-slate-500">{t("insights")}</h3>
            {digest.insights.length > 0 ? (
              <ol className="mt-1 list-decimal space-y-1 pl-5 text-sm" data-testid="digest-insights">
                {digest.insights.map((insight, index) => (
                  <li key={index}>{insight}</li>
                ))}
              </ol>
            ) : (
              <p className="mt-1 text-sm text-amber-700">
                {digest.metrics?.aiNote === "QUOTA_EXCEEDED" ? t("noInsightsQuota") : t("noInsightsUnavailable")}
              </p>
            )}
          </div>
          {!hasToday && !working ? (
            <p className="text-xs text-slate-500">{schedule.nextIsToday ? t("nextToday", { when: arrives }) : t("nextTomorrow", { when: arrives })}</p>
          ) : null}
        </div>
      ) : (
        <p className="mt-2 text-sm text-slate-600 dark:text-slate-300" data-testid="digest-empty">
          {schedule.nextIsToday ? t("emptyToday", { when: arrives }) : t("empty", { when: arrives })}
        </p>
      )}
    </Card>
  );
}
