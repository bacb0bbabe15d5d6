"use client";

import { useFormatter, useTranslations } from "next-intl";
import { api } from "@/trpc/react";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { LoadError, LoadingRows } from "../ui/list-state";
import { useMoney } from "./use-money";

const STATUSES = ["draft", "open", "paid", "uncollectible", "void"] as const;
type InvoiceStatus = (typeof STATUSES)[number];
const statusKey = (value: string): InvoiceStatus | "other" => STATUSES.find((status) => status === value) ?? "other";

/** The platform's invoices to the team, newest first, with Stripe's hosted page when there is one. */
export function InvoicesTable() {
  const t = useTranslations("billing.invoices");
  const format = useFormatter();
  const money = useMoney();
  const date = (value: Date) => format.dateTime(value, { dateStyle: "medium", timeZone: "UTC" });
  const list = api.billing.listInvoices.useInfiniteQuery({ limit: 20 }, { getNextPageParam: (page) => page.nextCursor ?? undefined });
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Card className="p-0">
      <h2 className="px-6 pt-5 pb-3 text-lg font-semibold">{t("title")}</h2>
      {list.isPending ? (
        <LoadingRows label={t("loading")} className="space-y-2 px-6 pb-5" />
      ) : list.isError ? (
        <LoadError className="px-6 pb-5 text-sm" message={list.error.message} retryLabel={t("retry")} onRetry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <p className="px-6 pb-5 text-sm text-slate-600 dark:text-slate-300">{t("empty")}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm" data-testid="billing-invoices">
            <thead className="border-y border-slate-200 text-xs uppercase text-slate-500 dark:border-slate-700">
              <tr>
                <th className="px-6 py-2">{t("columns.number")}</th>
                <th className="px-6 py-2">{t("columns.date")}</th>
                <th className="px-6 py-2">{t("columns.period")}</th>
                <th className="px-6 py-2 text-right">{t("columns.amount")}</th>
                <th className="px-6 py-2">{t("columns.status")}</th>
                <th className="px-6 py-2" />
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
              {items.map((invoice) => (
                <tr key={invoice.id}>
                  <td className="px-6 py-2 font-mono text-xs">{invoice.number ?? "—"}</td>
                  <td className="px-6 py-2 whitespace-nowrap">{date(invoice.issuedAt)}</td>
                  <td className="px-6 py-2 whitespace-nowrap">{invoice.periodStart && invoice.periodEnd ? `${date(invoice.periodStart)} – ${date(invoice.periodEnd)}` : "—"}</td>
                  <td className="px-6 py-2 text-right tabular-nums">{money(invoice.amountDueCents, invoice.currency)}</td>
                  <td className="px-6 py-2">
                    {t(`statuses.${statusKey(invoice.status)}`)}
                    {invoice.status === "open" && invoice.attemptCount > 0 ? <span className="text-xs text-slate-500"> · {t("attempts", { count: invoice.attemptCount })}</span> : null}
                  </td>
                  <td className="px-6 py-2 text-right">
                    {invoice.hostedUrl ? (
                      <a href={invoice.hostedUrl} target="_blank" rel="noopener noreferrer" className="text-brand-600 hover:underline">
                        {t("view")}
                      </a>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {list.hasNextPage ? (
        <div className="px-6 py-3">
          <Button variant="secondary" disabled={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
            {t("loadMore")}
          </Button>
        </div>
      ) : null}
    </Card>
  );
}
