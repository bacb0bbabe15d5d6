/**
 * Analytics ranges are whole UTC days (billing periods are UTC), both ends
 * included; presets are computed on the UTC calendar so they match the server.
 */
export type DateRange = { from: string; to: string };
export type Scope = "team" | "platform";
export type Granularity = "day" | "month";

export const TEAM_PRESETS = ["last30", "last90", "thisYear", "last12Months"] as const;
export const PLATFORM_PRESETS = ["last30", "last90", "thisYear", "last12Months", "last3Years"] as const;
export type Preset = (typeof PLATFORM_PRESETS)[number];

const DAY_MS = 86_400_000;
const utcDay = (instant: Date): string => instant.toISOString().slice(0, 10);

export function presetRange(preset: Preset, now: Date): DateRange {
  const to = utcDay(now);
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth();
  switch (preset) {
    case "last30":
      return { from: utcDay(new Date(now.getTime() - 29 * DAY_MS)), to };
    case "last90":
      return { from: utcDay(new Date(now.getTime() - 89 * DAY_MS)), to };
    case "thisYear":
      return { from: `${year}-01-01`, to };
    case "last12Months":
      // This month and the 11 before it: at most 366 days.
      return { from: utcDay(new Date(Date.UTC(year, month - 11, 1))), to };
    case "last3Years":
      // 36 calendar months: at most 1,096 days.
      return { from: utcDay(new Date(Date.UTC(year, month - 35, 1))), to };
  }
}

/** The CSV download of one table of a report (GET /api/analytics/export). */
export function exportHref(scope: Scope, range: DateRange, table: "summary" | "series" | "users"): string {
  return `/api/analytics/export?${new URLSearchParams({ scope, from: range.from, to: range.to, table }).toString()}`;
}

export const MICROS_PER_USD = 1_000_000;
export const CENTS_PER_USD = 100;
