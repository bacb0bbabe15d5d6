"use client";

import { useFormatter, useTranslations } from "next-intl";
import type { RouterOutputs } from "@/trpc/react";
import { Card } from "../ui/card";
import { cn } from "../ui/cn";
import { useMoney } from "./use-money";

export type BillingOverview = RouterOutputs["billing"]["overview"];

const STATE_STYLES: Record<BillingOverview["state"], string> = {
  active: "bg-emerald-100 text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100",
  canceling: "bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100",
  canceled: "bg-slate-200 text-slate-800 dark:bg-slate-700 dark:text-slate-100",
  past_due: "bg-orange-100 text-orange-900 dark:bg-orange-900 dark:text-orange-100",
  locked: "bg-red-100 text-red-900 dark:bg-red-900 dark:text-red-100",
};

/** The plan, its state (active, past due, locked, canceling), the period and where the data lives. */
export function CurrentPlanCard({ overview }: { overview: BillingOverview }) {
  const t = useTranslations("billing");
  const format = useFormatter();
  const money = useMoney();
  const date = (value: Date) => format.dateTime(value, { dateStyle: "medium", timeZone: "UTC" });
  const { plan, subscription, state, tier } = overview;
  return (
    <Card className="space-y-3" data-testid="current-plan">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <p className="text-xs font-medium uppercase text-slate-500">{t("plan.current")}</p>
          <h2 className="text-xl font-semibold" data-testid="current-plan-name">
            {plan.name}
          </h2>
          <p className="text-sm text-slate-600 dark:text-slate-300">
            {t("plan.price", { price: money(plan.monthlyPriceCents) })} · {t("plan.seats", { count: plan.seats })}
          </p>
        </div>
        <span data-testid="billing-state" className={cn("rounded-full px-2.5 py-1 text-xs font-semibold", STATE_STYLES[state])}>
          {t(`plan.states.${state}`)}
        </span>
      </div>
      <p className="text-sm">{t("plan.period", { start: date(subscription.period.start), end: date(subscription.period.end) })}</p>
      {state === "canceling" ? <p className="text-sm text-amber-800 dark:text-amber-200">{t("plan.endsOn", { date: date(subscription.period.end) })}</p> : null}
      {state === "canceled" && subscription.canceledAt ? <p className="text-sm">{t("plan.canceledOn", { date: date(subscription.canceledAt) })}</p> : null}
      {state === "locked" ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {t("plan.locked")}
        </p>
      ) : null}
      {state === "past_due" ? (
        <p className="text-sm text-orange-800 dark:text-orange-200">
          {t("plan.pastDue", { count: subscription.failedPaymentCount })}{" "}
          {subscription.nextPaymentAttemptAt ? t("plan.nextAttempt", { date: date(subscription.nextPaymentAttemptAt) }) : null}
        </p>
      ) : null}
      <p className="text-sm text-slate-600 dark:text-slate-300" data-testid="tier-note">
        {tier.matches ? t("plan.tierMatches", { tier: t(`tiers.${tier.team}.word`) }) : t("plan.tierPending", { tier: t(`tiers.${tier.team}.word`) })}
      </p>
    </Card>
  );
}
