"use client";

import { useTranslations } from "next-intl";
import { api } from "@/trpc/react";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { cn } from "../ui/cn";
import type { BillingOverview } from "./current-plan-card";
import { useProviderNavigation } from "./navigate";

const KNOWN_STATUSES = ["none", "ok", "failing", "action_required"] as const;
type PaymentStatus = (typeof KNOWN_STATUSES)[number];
const isKnown = (value: string): value is PaymentStatus => (KNOWN_STATUSES as readonly string[]).includes(value);

/** The card on file and its health; the owner opens the provider's portal (Stripe's, or the local one) from here. */
export function PaymentMethodCard({ overview }: { overview: BillingOverview }) {
  const t = useTranslations("billing.payment");
  const navigate = useProviderNavigation(overview.provider.id);
  const portal = api.billing.openPortal.useMutation({ onSuccess: ({ url }) => navigate(url) });
  const status: PaymentStatus = isKnown(overview.paymentMethod.status) ? overview.paymentMethod.status : "none";
  const bad = status === "failing" || status === "action_required";
  // Stripe's portal replaces this page; the local one opens below it, and the button stays usable.
  const leaving = portal.isPending || (portal.isSuccess && overview.provider.id === "stripe");
  return (
    <Card className="flex flex-wrap items-center justify-between gap-3" data-testid="payment-method">
      <div>
        <h2 className="text-lg font-semibold">{t("title")}</h2>
        <p className="text-sm">
          {overview.paymentMethod.label ?? t("none")}{" "}
          <span data-testid="payment-method-status" className={cn("ml-1 rounded px-1.5 py-0.5 text-xs font-medium", bad ? "bg-red-100 text-red-800 dark:bg-red-900 dark:text-red-100" : "bg-slate-100 dark:bg-slate-800")}>
            {t(`statuses.${status}`)}
          </span>
        </p>
        {portal.error ? (
          <p role="alert" className="mt-1 text-sm text-red-600">
            {portal.error.message}
          </p>
        ) : null}
      </div>
      {overview.canManage ? (
        <Button variant={bad ? "primary" : "secondary"} disabled={leaving} onClick={() => portal.mutate()}>
          {leaving ? t("opening") : t("manage")}
        </Button>
      ) : null}
    </Card>
  );
}
