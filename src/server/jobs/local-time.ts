/**
 * Wall-clock arithmetic in a team's IANA time zone with nothing but Intl, so the
 * scheduler and the digest agree on what "05:00 local" and "that local day" are,
 * daylight-saving transitions included.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** True for a zone Intl can compute with (IANA names and aliases, "UTC"). */
export function isUsableTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** A stored zone that Intl rejects (an old alias dropped by ICU) falls back to UTC rather than stopping the schedule. */
export function safeTimeZone(timeZone: string | null | undefined): string {
  return timeZone && isUsableTimeZone(timeZone) ? timeZone : "UTC";
}

export type LocalTime = { date: string; hour: number; minute: number };

/** The local calendar date (YYYY-MM-DD) and time of `instant` in `timeZone`. */
export function localTime(instant: Date, timeZone: string): LocalTime {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) parts[part.type] = part.value;
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    hour: Number(parts.hour),
    minute: Number(parts.minute),
  };
}

/** Minutes the zone is ahead of UTC at `instant` (Asia/Jakarta: 420). */
function offsetMinutes(instant: Date, timeZone: string): number {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) parts[part.type] = part.value;
  const asUtc = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

const DAY_MS = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses YYYY-MM-DD strictly (2024-02-30 is refused). */
export function parseLocalDate(date: string): { year: number; month: number; day: number } | null {
  const match = DATE.exec(date);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return { year, month, day };
}

/**
 * The instant at which the wall clock in `timeZone` shows `date` `hour`:`minute`.
 * A time shown twice (the repeated hour when clocks go back) resolves to its
 * first occurrence; a time skipped by a DST jump resolves to the first instant
 * after the jump (the transition itself), so a local day starts at its first
 * instant even where midnight does not exist (America/Santiago).
 */
export function zonedInstant(date: string, hour: number, minute: number, timeZone: string): Date {
  const parsed = parseLocalDate(date);
  if (!parsed) throw new RangeError(`Not a calendar date: ${date}`);
  const wall = Date.UTC(parsed.year, parsed.month - 1, parsed.day, hour, minute);
  const wallAt = (instant: number) => instant + offsetMinutes(new Date(instant), timeZone) * 60_000;
  // The offsets in force a day either side bound every candidate (transitions are months apart).
  const candidates = [
    wall - offsetMinutes(new Date(wall - DAY_MS), timeZone) * 60_000,
    wall - offsetMinutes(new Date(wall + DAY_MS), timeZone) * 60_000,
  ].sort((a, b) => a - b);
  const exact = candidates.find((instant) => wallAt(instant) === wall);
  if (exact !== undefined) return new Date(exact);
  // Skipped: the wall clock jumps over `wall` somewhere between the candidates. Find the
  // first whole second whose wall time is at or after it (the clock is monotonic across a gap).
  let low = Math.floor(candidates[0]! / 1000);
  let high = Math.ceil(candidates[1]! / 1000);
  if (wallAt(high * 1000) < wall) throw new RangeError(`No instant shows ${date} ${hour}:${minute} in ${timeZone}`);
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (wallAt(middle * 1000) >= wall) high = middle;
    else low = middle + 1;
  }
  return new Date(high * 1000);
}

/** `date` plus `days` calendar days (YYYY-MM-DD, no time zone involved). */
export function addDays(date: string, days: number): string {
  const parsed = parseLocalDate(date);
  if (!parsed) throw new RangeError(`Not a calendar date: ${date}`);
  return new Date(Date.UTC(parsed.year, parsed.month - 1, parsed.day + days)).toISOString().slice(0, 10);
}

/** [start, end) of the local calendar day `date` in `timeZone` (23 or 25 hours on DST days). */
export function localDayRange(date: string, timeZone: string): { start: Date; end: Date } {
  return { start: zonedInstant(date, 0, 0, timeZone), end: zonedInstant(addDays(date, 1), 0, 0, timeZone) };
}

/** A `@db.Date` column value for a calendar date (Prisma maps DATE to midnight UTC). */
export function dateColumn(date: string): Date {
  if (!parseLocalDate(date)) throw new RangeError(`Not a calendar date: ${date}`);
  return new Date(`${date}T00:00:00.000Z`);
}
