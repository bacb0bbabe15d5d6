"use client";

import { useFormatter, useLocale, useTranslations } from "next-intl";
import { formatMoney, type CurrencyCode } from "@/lib/invoices/money";
import type { InvoiceStatusName } from "@/lib/invoices/status";
import { cn } from "../ui/cn";

const STATUS_STYLES: Record<InvoiceStatusName, string> = {
  DRAFT: "bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-200",
  SENT: "bg-blue-100 text-blue-800 dark:bg-blue-950 dark:text-blue-200",
  PAID: "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200",
  OVERDUE: "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-200",
  VOID: "bg-slate-200 text-slate-500 line-through dark:bg-slate-800 dark:text-slate-400",
};

export function InvoiceStatusBadge({ status }: { status: InvoiceStatusName }) {
  const t = useTranslations("invoices.status");
  return (
    <span data-testid="invoice-status" className={cn("inline-flex rounded-full px-2 py-0.5 text-xs font-medium", STATUS_STYLES[status])}>
      {t(status)}
    </span>
  );
}

/** Amounts in the reader's locale, from minor units (never through a float). */
export function Money({ minor, currency, className }: { minor: bigint; currency: CurrencyCode; className?: string }) {
  const locale = useLocale();
  return <span className={cn("tabular-nums", className)}>{formatMoney(minor, currency, locale)}</span>;
}

/** A calendar date (YYYY-MM-DD) in the reader's locale, read as UTC so it never shifts a day. */
export function CalendarDate({ value }: { value: string }) {
  const format = useFormatter();
  return <>{format.dateTime(new Date(`${value}T00:00:00Z`), { dateStyle: "medium", timeZone: "UTC" })}</>;
}

/** The first message of an API error for `field`: zod's per-field messages, or a domain error's field. */
export type ApiErrorLike = { message: string; data?: { fieldErrors?: Record<string, string[]> | null; field?: string | null } | null } | null;

export function fieldErrorOf(error: ApiErrorLike, field: string): string | undefined {
  if (!error) return undefined;
  const fromZod = error.data?.fieldErrors?.[field]?.[0];
  if (fromZod) return fromZod;
  return error.data?.field === field ? error.message : undefined;
}

/** The message of an error that is not about one field (shown at the top of the form). */
export function generalErrorOf(error: ApiErrorLike): string | undefined {
  if (!error) return undefined;
  if (error.data?.fieldErrors || error.data?.field) return undefined;
  return error.message;
}

export const inputClass =
  "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm outline-none focus:border-brand-500 focus:ring-2 focus:ring-brand-100 disabled:bg-slate-50 disabled:text-slate-500 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100 dark:disabled:bg-slate-800";
