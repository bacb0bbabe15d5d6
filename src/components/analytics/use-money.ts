"use client";

import { useFormatter, useTranslations } from "next-intl";

/** US cents as dollars in the reader's locale ("—" for a missing value). */
export function useCents(): (cents: number | null, options?: { signed?: boolean }) => string {
  const format = useFormatter();
  const none = useTranslations("analytics")("none");
  return (cents, options) =>
    cents === null
      ? none
      : format.number(cents / 100, { style: "currency", currency: "USD", signDisplay: options?.signed ? "exceptZero" : "auto" });
}

/** A fraction as a percentage ("—" when it is undefined: a division by zero). */
export function usePercent(): (fraction: number | null) => string {
  const format = useFormatter();
  const none = useTranslations("analytics")("none");
  return (fraction) => (fraction === null ? none : format.number(fraction, { style: "percent", maximumFractionDigits: 1 }));
}

/** The label of a series point: "Mar 5" per day, "Mar 2026" per month. */
export function usePeriodLabel(granularity: "day" | "month"): (from: string) => string {
  const format = useFormatter();
  return (from) =>
    format.dateTime(
      new Date(`${from}T00:00:00Z`),
      granularity === "day" ? { month: "short", day: "numeric", timeZone: "UTC" } : { month: "short", year: "numeric", timeZone: "UTC" },
    );
}
