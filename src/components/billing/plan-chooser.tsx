"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { comparePlans, PLAN_IDS, PLANS, type PlanId } from "@/lib/plans";
import { api } from "@/trpc/react";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { cn } from "../ui/cn";
import type { BillingOverview } from "./current-plan-card";
import { useProviderNavigation } from "./navigate";
import { PlanFeatures } from "./plan-features";

/**
 * The plans side by side with upgrade / downgrade buttons (OWNER only). With
 * Stripe the browser goes to Checkout; locally the change is applied at once.
 * A Stripe outage (503) leaves a retry button: nothing was charged.
 */
export function PlanChooser({ overview }: { overview: BillingOverview }) {
  const t = useTranslations("billing.chooser");
  const utils = api.useUtils();
  const navigate = useProviderNavigation(overview.provider.id);
  const [applied, setApplied] = useState<PlanId | null>(null);
  const [redirecting, setRedirecting] = useState(false);
  const change = api.billing.changePlan.useMutation({
    onMutate: () => setApplied(null),
    onSuccess: async (result) => {
      if (result.kind === "redirect") {
        setRedirecting(true);
        navigate(result.url);
        return;
      }
      setApplied(result.planId);
      await Promise.all([utils.billing.overview.invalidate(), utils.billing.listInvoices.invalidate()]);
    },
  });
  const current = overview.plan.id;
  const ended = overview.subscription.status === "CANCELED";
  const retryable = change.error?.data?.domainCode === "BILLING_UNAVAILABLE";
  const busy = change.isPending || redirecting;

  const labelFor = (planId: PlanId) => {
    if (planId === current) return ended ? t("restart", { plan: PLANS[planId].name }) : t("currentBadge");
    return comparePlans(planId, current) > 0 ? t("upgrade", { plan: PLANS[planId].name }) : t("downgrade", { plan: PLANS[planId].name });
  };

  return (
    <section className="space-y-3" aria-labelledby="billing-plans-title">
      <h2 id="billing-plans-title" className="text-lg font-semibold">
        {t("title")}
      </h2>
      {applied ? (
        <p role="status" data-testid="plan-applied" className="rounded-md bg-emerald-50 px-4 py-3 text-sm text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100">
          {t("applied", { plan: PLANS[applied].name })}
        </p>
      ) : null}
      {redirecting ? (
        <p role="status" className="text-sm">
          {t("redirecting")}
        </p>
      ) : null}
      {change.error ? (
        <div role="alert" data-testid="plan-change-error" className="rounded-md bg-red-50 px-4 py-3 text-sm text-red-700 dark:bg-red-950 dark:text-red-200">
          <p>{retryable ? t("unavailable", { message: change.error.message }) : change.error.message}</p>
          {retryable && change.variables ? (
            <Button variant="secondary" className="mt-2" disabled={busy} onClick={() => change.variables && change.mutate(change.variables)}>
              {t("retry")}
            </Button>
          ) : null}
        </div>
      ) : null}
      <div className="grid gap-4 md:grid-cols-3">
        {PLAN_IDS.map((planId) => {
          const isCurrent = planId === current;
          return (
            <Card key={planId} className={cn("flex flex-col gap-4", isCurrent && "border-brand-500 ring-1 ring-brand-500")} data-testid={`plan-${planId}`}>
              <h3 className="text-lg font-semibold">{PLANS[planId].name}</h3>
              <div className="flex-1">
                <PlanFeatures plan={PLANS[planId]} />
              </div>
              {overview.canManage ? (
                <Button
                  variant={isCurrent && !ended ? "secondary" : "primary"}
                  disabled={busy || (isCurrent && !ended)}
                  onClick={() => change.mutate({ planId })}
                >
                  {change.isPending && change.variables?.planId === planId ? t("working") : labelFor(planId)}
                </Button>
              ) : isCurrent ? (
                <p className="text-sm font-medium text-brand-600">{t("currentBadge")}</p>
              ) : null}
            </Card>
          );
        })}
      </div>
    </section>
  );
}
