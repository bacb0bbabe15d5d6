import { useFormatter, useTranslations } from "next-intl";
import type { Plan } from "@/lib/plans";

/**
 * What a plan includes, in words: price, seats, AI tokens, overage and where the
 * data lives. Shared by the public pricing page and the billing settings page.
 */
export function PlanFeatures({ plan }: { plan: Plan }) {
  const t = useTranslations("billing");
  const format = useFormatter();
  const usd = (cents: number, digits = 0) =>
    format.number(cents / 100, { style: "currency", currency: "USD", minimumFractionDigits: digits, maximumFractionDigits: digits });
  return (
    <div className="space-y-3">
      <p>
        <span className="text-3xl font-bold tabular-nums" data-testid={`price-${plan.id}`}>
          {usd(plan.monthlyPriceCents)}
        </span>{" "}
        <span className="text-sm text-slate-600 dark:text-slate-300">{t("pricing.perMonth")}</span>
      </p>
      <ul className="space-y-1 text-sm">
        <li>{t("pricing.seats", { count: plan.seats })}</li>
        <li>{t("pricing.aiTokens", { tokens: format.number(plan.aiTokensPerMonth) })}</li>
        <li className="text-slate-600 dark:text-slate-300">
          {t("pricing.overage", { price: usd(plan.overageCentsPer1kTokens, 2), cap: format.number(plan.maxOverageTokensPerMonth) })}
        </li>
      </ul>
      <div className="rounded-md bg-slate-50 px-3 py-2 text-sm dark:bg-slate-800">
        <p className="text-xs font-medium uppercase text-slate-500">{t("pricing.tierLabel")}</p>
        <p className="font-medium">{t(`tiers.${plan.tier}.name`)}</p>
        <p className="text-slate-600 dark:text-slate-300">{t(`tiers.${plan.tier}.body`)}</p>
      </div>
    </div>
  );
}
