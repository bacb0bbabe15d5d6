"use client";

import { useFormatter } from "next-intl";

/** Formats integer minor units (cents) of a currency in the reader's locale. */
export function useMoney(): (cents: number, currency?: string) => string {
  const format = useFormatter();
  return (cents, currency = "usd") => format.number(cents / 100, { style: "currency", currency: currency.toUpperCase() });
}
