import { addDays, parseLocalDate } from "@/server/jobs/local-time";

/**
 * The dashboard's date range: whole UTC days, both ends included (the form shows
 * "from 1 March to 31 March"). Billing periods and the revenue ledger are in UTC,
 * so analytics days are UTC days for every viewer and every team. As instants the
 * range is [from 00:00Z, the day after `to` 00:00Z).
 */
export type DateRange = { from: string; to: string };

/** A team looks back a year; the platform view may show three (1,096 days covers a leap year). */
export const MAX_TEAM_RANGE_DAYS = 366;
export const MAX_PLATFORM_RANGE_DAYS = 1096;

/** Dates outside these years are typing mistakes, not reports (and keep instants far inside Date's range). */
const FIRST_YEAR = 2000;
const LAST_YEAR = 2100;

const TOO_LONG: Record<number, string> = {
  [MAX_TEAM_RANGE_DAYS]: "Choose a range of at most 366 days.",
  [MAX_PLATFORM_RANGE_DAYS]: "Choose a range of at most 3 years (1,096 days).",
};

export const DAY_MS = 86_400_000;

/** Number of days from `from` to `to`, both included. */
export function rangeDays(range: DateRange): number {
  return Math.round((Date.parse(`${range.to}T00:00:00Z`) - Date.parse(`${range.from}T00:00:00Z`)) / DAY_MS) + 1;
}

/** Why a range cannot be reported on, or null when it can. Shared by the zod schemas and the service. */
export function analyticsRangeProblem(range: DateRange, maxDays: number): { field: "from" | "to"; message: string } | null {
  const from = parseLocalDate(range.from);
  if (!from) return { field: "from", message: "That start date does not exist." };
  const to = parseLocalDate(range.to);
  if (!to) return { field: "to", message: "That end date does not exist." };
  if (from.year < FIRST_YEAR || from.year > LAST_YEAR) return { field: "from", message: "Choose a date between the years 2000 and 2100." };
  if (to.year < FIRST_YEAR || to.year > LAST_YEAR) return { field: "to", message: "Choose a date between the years 2000 and 2100." };
  if (range.from > range.to) return { field: "to", message: "Choose an end date on or after the start date." };
  if (rangeDays(range) > maxDays) {
    return { field: "to", message: TOO_LONG[maxDays] ?? "Choose a shorter range." };
  }
  return null;
}

/** The range as instants: [start, end). */
export function rangeInstants(range: DateRange): { start: Date; end: Date } {
  return { start: new Date(`${range.from}T00:00:00.000Z`), end: new Date(`${addDays(range.to, 1)}T00:00:00.000Z`) };
}
