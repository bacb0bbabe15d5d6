/** Money on the usage page arrives in micro-USD (1 USD = 1,000,000). */
export const MICROS_PER_USD = 1_000_000;

export function microsToUsd(micros: number): number {
  return micros / MICROS_PER_USD;
}

/**
 * Fraction digits for an amount: AI calls often cost fractions of a cent, which
 * two decimals would show as $0.00 and hide a real cost.
 */
export function usdFractionDigits(micros: number): number {
  const abs = Math.abs(micros);
  if (abs === 0 || abs >= 10_000) return 2;
  return 4;
}

/** YYYY-MM-DD of a date in the browser's calendar. */
export function isoDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export type DateRange = { from: string; to: string };

export function presetRange(preset: "thisMonth" | "last30" | "last90", today: Date): DateRange {
  if (preset === "thisMonth") return { from: isoDay(new Date(today.getFullYear(), today.getMonth(), 1)), to: isoDay(today) };
  const days = preset === "last30" ? 30 : 90;
  return { from: isoDay(new Date(today.getFullYear(), today.getMonth(), today.getDate() - (days - 1))), to: isoDay(today) };
}
