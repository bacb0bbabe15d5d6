"use client";

import { useTranslations } from "next-intl";
import { api } from "@/trpc/react";
import { Card } from "../ui/card";
import { LoadError, LoadingRows } from "../ui/list-state";
import { CurrentPlanCard } from "./current-plan-card";
import { InvoicesTable } from "./invoices-table";
import { LocalPortal } from "./local-portal";
import { PaymentMethodCard } from "./payment-method-card";
import { PlanChooser } from "./plan-chooser";
import { TierMove } from "./tier-move";
import { UsageMeter } from "./usage-meter";

export type CheckoutReturn = "success" | "cancelled" | null;

/**
 * The team's billing: plan and status, this period's AI usage, payment method,
 * plans to change to, and invoices. OWNER and ADMIN see it; only the OWNER acts
 * (the API enforces the same).
 */
export function BillingView({ canRead, portal, checkout }: { canRead: boolean; portal: boolean; checkout: CheckoutReturn }) {
  const t = useTranslations("billing.page");
  if (!canRead) {
    return (
      <Card>
        <p role="status" data-testid="billing-no-access" className="text-sm text-slate-700 dark:text-slate-200">
          {t("noAccess")}
        </p>
      </Card>
    );
  }
  return <BillingDetails portal={portal} checkout={checkout} />;
}

function BillingDetails({ portal, checkout }: { portal: boolean; checkout: CheckoutReturn }) {
  const t = useTranslations("billing.page");
  const overview = api.billing.overview.useQuery();
  if (overview.isPending) return <LoadingRows label={t("loading")} rowClassName="h-24" />;
  if (overview.isError) return <LoadError message={overview.error.message} retryLabel={t("retry")} onRetry={() => void overview.refetch()} />;
  const data = overview.data;
  const local = data.provider.id === "local";
  return (
    <div className="space-y-6">
      {!data.provider.connected ? (
        <div role="status" data-testid="billing-not-connected" className="rounded-md border border-sky-300 bg-sky-50 px-4 py-3 text-sm text-sky-900 dark:border-sky-800 dark:bg-sky-950 dark:text-sky-100">
          <p className="font-semibold">{t("notConnectedTitle")}</p>
          <p>{t("notConnectedBody")}</p>
        </div>
      ) : null}
      {checkout ? (
        <p role="status" className="rounded-md bg-slate-100 px-4 py-3 text-sm dark:bg-slate-800">
          {checkout === "success" ? t("checkoutSuccess") : t("checkoutCancelled")}
        </p>
      ) : null}
      {!data.canManage ? <p className="text-sm text-slate-600 dark:text-slate-300">{t("viewOnly")}</p> : null}
      <div className="grid gap-4 lg:grid-cols-2">
        <CurrentPlanCard overview={data} />
        <UsageMeter usage={data.usage} />
      </div>
      <TierMove overview={data} />
      <PaymentMethodCard overview={data} />
      {portal && local && data.canManage ? <LocalPortal overview={data} /> : null}
      <PlanChooser overview={data} />
      <InvoicesTable />
    </div>
  );
}
