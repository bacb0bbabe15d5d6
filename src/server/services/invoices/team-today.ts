import { TtlCache } from "@/server/cache/ttl-cache";
import { getBaseDb } from "@/server/db/client";
import { localIsoDate } from "@/lib/invoices/dates";

/**
 * "Today" for a team is its local calendar date (Team.timezone): an invoice due
 * on the 1st in Jakarta is overdue from midnight Jakarta time, not UTC.
 *
 * The zone is cached for a minute; a settings change made by this process calls
 * invalidateTeamTimezone() and applies at once (other processes within the TTL).
 */
const timezones = new TtlCache<string>(5_000);
const TTL_MS = 60_000;
// Bumped on invalidation, so a lookup that read the old zone before the change cannot cache it after.
const generations = new Map<string, number>();

export async function teamTimezone(teamId: string): Promise<string> {
  const cached = timezones.get(teamId);
  if (cached !== undefined) return cached;
  const generation = generations.get(teamId) ?? 0;
  const team = await getBaseDb().team.findUnique({ where: { id: teamId }, select: { timezone: true } });
  const timezone = team?.timezone ?? "UTC";
  if ((generations.get(teamId) ?? 0) === generation) timezones.set(teamId, timezone, Date.now() + TTL_MS);
  return timezone;
}

/** Forgets the team's cached zone (after its settings changed). */
export function invalidateTeamTimezone(teamId: string): void {
  timezones.delete(teamId);
  generations.set(teamId, (generations.get(teamId) ?? 0) + 1);
}

/** The team's local date now, as YYYY-MM-DD. */
export async function teamToday(teamId: string, now: Date = new Date()): Promise<string> {
  return localIsoDate(now, await teamTimezone(teamId));
}
