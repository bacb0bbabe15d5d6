import { TtlCache } from "@/server/cache/ttl-cache";
import { getBaseDb } from "@/server/db/client";
import { localIsoDate } from "@/lib/invoices/dates";

/**
 * "Today" for a team is its local calendar date (Team.timezone): an invoice due
 * on the 1st in Jakarta is overdue from midnight Jakarta time, not UTC.
 */
const timezones = new TtlCache<string>(5_000);
const TTL_MS = 60_000;

export async function teamTimezone(teamId: string): Promise<string> {
  const cached = timezones.get(teamId);
  if (cached !== undefined) return cached;
  const team = await getBaseDb().team.findUnique({ where: { id: teamId }, select: { timezone: true } });
  const timezone = team?.timezone ?? "UTC";
  timezones.set(teamId, timezone, Date.now() + TTL_MS);
  return timezone;
}

/** The team's local date now, as YYYY-MM-DD. */
export async function teamToday(teamId: string, now: Date = new Date()): Promise<string> {
  return localIsoDate(now, await teamTimezone(teamId));
}
