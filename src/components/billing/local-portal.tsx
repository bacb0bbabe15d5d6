"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { Link, useRouter } from "@/i18n/navigation";
import { api, type RouterInputs } from "@/trpc/react";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import type { BillingOverview } from "./current-plan-card";

type LocalCard = RouterInputs["billing"]["updatePaymentMethod"]["card"];
const CARDS: readonly LocalCard[] = ["visa", "mastercard", "amex"];

/**
 * Stands in for Stripe's Customer Portal while billing is not connected: a test
 * card (a label only — there is no card number field), cancel at period end,
 * resume. Saving a card collects an invoice in dunning, which unlocks the team;
 * the page's server parts (the lock banner) are refreshed after.
 */
export function LocalPortal({ overview }: { overview: BillingOverview }) {
  const t = useTranslations("billing.portal");
  const format = useFormatter();
  const router = useRouter();
  const utils = api.useUtils();
  const [card, setCard] = useState<LocalCard>("visa");
  const [notice, setNotice] = useState<string | null>(null);
  const section = useRef<HTMLDivElement>(null);
  // Opened from "Manage payment method" further up: bring it into view.
  useEffect(() => section.current?.scrollIntoView({ block: "nearest" }), []);
  const refresh = async () => {
    await Promise.all([utils.billing.overview.invalidate(), utils.billing.listInvoices.invalidate()]);
    router.refresh();
  };
  const save = api.billing.updatePaymentMethod.useMutation({
    onMutate: () => setNotice(null),
    onSuccess: async (result) => {
      setNotice(result.settledInvoiceId && result.teamStatus === "ACTIVE" ? t("unlocked") : t("cardSaved", { label: t(`cards.${card}`) }));
      await refresh();
    },
  });
  const cancel = api.billing.cancel.useMutation({
    onMutate: () => setNotice(null),
    onSuccess: async (result) => {
      setNotice(t("canceled", { date: format.dateTime(result.endsAt, { dateStyle: "medium", timeZone: "UTC" }) }));
      await refresh();
    },
  });
  const resume = api.billing.resume.useMutation({
    onMutate: () => setNotice(null),
    onSuccess: async () => {
      setNotice(t("resumed"));
      await refresh();
    },
  });
  const error = save.error ?? cancel.error ?? resume.error;
  const busy = save.isPending || cancel.isPending || resume.isPending;
  const ended = overview.subscription.status === "CANCELED";

  return (
    <div ref={section} id="local-portal">
      <Card className="space-y-4 border-sky-300 dark:border-sky-800" data-testid="local-portal">
        <div className="flex flex-wrap items-start justify-between gap-2">
          <div>
            <h2 className="text-lg font-semibold">{t("title")}</h2>
            <p className="text-sm text-slate-600 dark:text-slate-300">{t("intro")}</p>
          </div>
          <Link href="/settings/billing" className="text-sm font-medium text-brand-600 hover:underline">
            {t("close")}
          </Link>
        </div>
        {notice ? (
          <p role="status" data-testid="portal-notice" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100">
            {notice}
          </p>
        ) : null}
        {error ? (
          <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 dark:bg-red-950 dark:text-red-200">
            {error.message}
          </p>
        ) : null}
        <form
          className="flex flex-wrap items-end gap-3"
          onSubmit={(event) => {
            event.preventDefault();
            save.mutate({ card });
          }}
        >
          <div className="space-y-1">
            <label htmlFor="local-portal-card" className="block text-sm font-medium text-slate-700 dark:text-slate-200">
              {t("card")}
            </label>
            <select
              id="local-portal-card"
              value={card}
              onChange={(event) => setCard(CARDS.find((value) => value === event.target.value) ?? "visa")}
              className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-600 dark:bg-slate-900"
            >
              {CARDS.map((value) => (
                <option key={value} value={value}>
                  {t(`cards.${value}`)}
                </option>
              ))}
            </select>
          </div>
          <Button type="submit" disabled={busy}>
            {save.isPending ? t("saving") : t("saveCard")}
          </Button>
        </form>
        {!ended ? (
          <div className="flex flex-wrap gap-3 border-t border-slate-200 pt-4 dark:border-slate-700">
            {overview.subscription.cancelAtPeriodEnd ? (
              <Button variant="secondary" disabled={busy} onClick={() => resume.mutate()}>
                {t("resume")}
              </Button>
            ) : (
              <Button
                variant="danger"
                disabled={busy}
                onClick={() => {
                  if (window.confirm(t("cancelConfirm"))) cancel.mutate();
                }}
              >
                {t("cancel")}
              </Button>
            )}
          </div>
        ) : null}
      </Card>
    </div>
  );
}
