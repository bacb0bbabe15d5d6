"use client";

import { useFormatter } from "next-intl";
import { microsToUsd, usdFractionDigits } from "./format";

/** Formats micro-USD as dollars in the reader's locale. */
export function useUsd(): (micros: number) => string {
  const format = useFormatter();
  return (micros) => {
    const digits = usdFractionDigits(micros);
    return format.number(microsToUsd(micros), {
      style: "currency",
      currency: "USD",
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
  };
}
