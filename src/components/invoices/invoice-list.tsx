"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { Link } from "@/i18n/navigation";
import { INVOICE_STATUSES, type InvoiceStatusName } from "@/lib/invoices/status";
import type { Permission } from "@/lib/permissions";
import { api, type RouterInputs } from "@/trpc/react";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { LoadError, LoadingRows } from "../ui/list-state";
import { CalendarDate, inputClass, InvoiceStatusBadge, Money } from "./invoice-bits";

type Filters = { status: InvoiceStatusName | ""; customerId: string; from: string; to: string; search: string };
const NO_FILTERS: Filters = { status: "", customerId: "", from: "", to: "", search: "" };

/** The list input for `filters` (empty fields are no filter). Shared with the page's prefetch. */
export function listInput(filters: Filters = NO_FILTERS) {
  return {
    limit: 50,
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.customerId ? { customerId: filters.customerId } : {}),
    ...(filters.from ? { from: filters.from } : {}),
    ...(filters.to ? { to: filters.to } : {}),
    ...(filters.search.trim() ? { search: filters.search.trim() } : {}),
  } satisfies RouterInputs["invoice"]["list"];
}

export function InvoiceList({ permissions }: { permissions: Permission[] }) {
  const t = useTranslations("invoices");
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  // Typing in the search box filters after a short pause, not on every key.
  const [search, setSearch] = useState("");
  useEffect(() => {
    const timer = setTimeout(() => setFilters((current) => (current.search === search ? current : { ...current, search })), 300);
    return () => clearTimeout(timer);
  }, [search]);
  const customers = api.customer.list.useQuery({ limit: 200 });
  const list = api.invoice.list.useInfiniteQuery(listInput(filters), { getNextPageParam: (page) => page.nextCursor ?? undefined });
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  const set = (values: Partial<Filters>) => setFilters((current) => ({ ...current, ...values }));
  const label = "block text-xs font-medium text-slate-600 dark:text-slate-300";
  const filtered = JSON.stringify({ ...filters, search }) !== JSON.stringify(NO_FILTERS);

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <div className="flex gap-2">
          <Link
            href="/invoices/customers"
            className="inline-flex items-center rounded-md border border-slate-300 bg-white px-3.5 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100"
          >
            {t("customers.title")}
          </Link>
          {permissions.includes("invoice:create") ? (
            <Link href="/invoices/new" className="inline-flex items-center rounded-md bg-brand-600 px-3.5 py-2 text-sm font-medium text-white hover:bg-brand-700">
              {t("new")}
            </Link>
          ) : null}
        </div>
      </div>

      <Card className="grid gap-3 p-4 sm:grid-cols-2 lg:grid-cols-5" role="search" aria-label={t("filters.label")}>
        <div className="space-y-1">
          <label htmlFor="filter-search" className={label}>
            {t("filters.search")}
          </label>
          <input id="filter-search" type="search" className={inputClass} value={search} placeholder="INV-2026-" onChange={(e) => setSearch(e.target.value)} />
        </div>
        <div className="space-y-1">
          <label htmlFor="filter-status" className={label}>
            {t("filters.status")}
          </label>
          <select id="filter-status" className={inputClass} value={filters.status} onChange={(e) => set({ status: e.target.value as Filters["status"] })}>
            <option value="">{t("filters.anyStatus")}</option>
            {INVOICE_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`status.${status}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="space-y-1">
          <label htmlFor="filter-customer" className={label}>
            {t("filters.customer")}
          </label>
          <select id="filter-customer" className={inputClass} value={filters.customerId} onChange={(e) => set({ customerId: e.target.value })}>
            <option value="">{t("filters.anyCustomer")}</option>
            {(customers.data?.items ?? []).map((customer) => (
              <option key={customer.id} value={customer.id}>
                {customer.name}
              </option>
            ))}
          </select>
        </div>
        <div className="space-y-1">
          <label htmlFor="filter-from" className={label}>
            {t("filters.from")}
          </label>
          <input id="filter-from" type="date" className={inputClass} value={filters.from} onChange={(e) => set({ from: e.target.value })} />
        </div>
        <div className="space-y-1">
          <label htmlFor="filter-to" className={label}>
            {t("filters.to")}
          </label>
          <input id="filter-to" type="date" className={inputClass} value={filters.to} onChange={(e) => set({ to: e.target.value })} />
        </div>
        {filtered ? (
          <div className="sm:col-span-2 lg:col-span-5">
            <Button
              variant="ghost"
              onClick={() => {
                setSearch("");
                setFilters(NO_FILTERS);
              }}
            >
              {t("filters.clear")}
            </Button>
          </div>
        ) : null}
      </Card>

      <Card className="overflow-x-auto p-0">
        {list.isPending ? (
          <LoadingRows label={t("loading")} className="space-y-2 p-6" />
        ) : list.isError ? (
          <LoadError className="p-6 text-sm" message={list.error.message} retryLabel={t("retry")} onRetry={() => void list.refetch()} />
        ) : items.length === 0 ? (
          <p className="p-6 text-sm text-slate-600 dark:text-slate-300">{filtered ? t("emptyFiltered") : t("empty")}</p>
        ) : (
          <table className="w-full text-left text-sm" data-testid="invoice-list">
            <thead className="border-b border-slate-200 text-xs uppercase text-slate-500 dark:border-slate-700">
              <tr>
                <th className="px-4 py-3">{t("columns.number")}</th>
                <th className="px-4 py-3">{t("columns.customer")}</th>
                <th className="px-4 py-3">{t("columns.issueDate")}</th>
                <th className="px-4 py-3">{t("columns.dueDate")}</th>
                <th className="px-4 py-3">{t("columns.status")}</th>
                <th className="px-4 py-3 text-right">{t("columns.total")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
              {items.map((invoice) => (
                <tr key={invoice.id}>
                  <td className="px-4 py-3 font-medium">
                    <Link href={`/invoices/${invoice.id}`} className="text-brand-600 hover:underline">
                      {invoice.number}
                    </Link>
                  </td>
                  <td className="px-4 py-3">{invoice.customer.name}</td>
                  <td className="px-4 py-3">
                    <CalendarDate value={invoice.issueDate} />
                  </td>
                  <td className="px-4 py-3">
                    <CalendarDate value={invoice.dueDate} />
                  </td>
                  <td className="px-4 py-3">
                    <InvoiceStatusBadge status={invoice.effectiveStatus} />
                  </td>
                  <td className="px-4 py-3 text-right">
                    <Money minor={invoice.totalMinor} currency={invoice.currency} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
      {list.hasNextPage ? (
        <Button variant="secondary" disabled={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
          {t("loadMore")}
        </Button>
      ) : null}
    </div>
  );
}
