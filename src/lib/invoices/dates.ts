/**
 * Invoice dates are calendar dates (issue and due date, PostgreSQL `date`), written
 * as "YYYY-MM-DD" and carried in a Date at UTC midnight. They never go through a
 * local time zone, so "due 2026-12-01" is the same day for everyone.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** True for a real calendar date written as YYYY-MM-DD (2026-02-30 is not). */
export function isIsoDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** "2026-12-01" → Date at 2026-12-01T00:00:00Z. The caller validated the text. */
export function isoDateToUtc(text: string): Date {
  if (!isIsoDate(text)) throw new RangeError(`Not a calendar date: ${text}`);
  return new Date(`${text}T00:00:00.000Z`);
}

/** A stored calendar date (UTC midnight) → "YYYY-MM-DD". */
export function utcToIsoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (both YYYY-MM-DD); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((isoDateToUtc(to).getTime() - isoDateToUtc(from).getTime()) / DAY_MS);
}

export function addDays(date: string, days: number): string {
  return utcToIsoDate(new Date(isoDateToUtc(date).getTime() + days * DAY_MS));
}

/** The calendar date of `instant` in `timeZone` (an IANA name; an unknown one counts as UTC). */
export function localIsoDate(instant: Date, timeZone: string): string {
  let formatter: Intl.DateTimeFormat;
  try {
    formatter = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
  } catch {
    formatter = new Intl.DateTimeFormat("en-CA", { timeZone: "UTC", year: "numeric", month: "2-digit", day: "2-digit" });
  }
  const parts: Record<string, string> = {};
  for (const part of formatter.formatToParts(instant)) parts[part.type] = part.value;
  return `${parts.year}-${parts.month}-${parts.day}`;
}
