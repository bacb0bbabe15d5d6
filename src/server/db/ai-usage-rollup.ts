import { getBaseDb } from "./client";
import { Prisma } from "./generated/client";

export type AiUsageBucket = {
  /** Index into the `dayStarts` passed in (0 = the first day). */
  day: number;
  userId: string | null;
  inputTokens: number;
  outputTokens: number;
  costMicros: bigint;
  calls: number;
};

/**
 * One team's AI usage summed per (day, user), where a day is [dayStarts[i],
 * dayStarts[i + 1]) and the last one ends at `end`.
 *
 * Raw SQL because Prisma's groupBy cannot group by a computed day: summing in the
 * database returns at most days × users rows however many calls were made, where
 * reading the events would return every call of the year. The days are the team's
 * local days, computed by the caller (with Intl, daylight saving included) and
 * passed as instants, so PostgreSQL's time zone names never have to agree with the
 * runtime's. width_bucket maps each event to its day.
 *
 * AiUsageEvent is a control-plane table (no RLS): the team filter here is the
 * only wall, so `teamId` is always bound, never optional.
 */
export async function sumAiUsageByDayAndUser(teamId: string, dayStarts: readonly Date[], end: Date): Promise<AiUsageBucket[]> {
  const first = dayStarts[0];
  if (!teamId || !first) return [];
  // createdAt is timestamp(3) holding UTC wall-clock time: compare as UTC explicitly,
  // whatever the session's TimeZone setting is.
  const thresholds = dayStarts.map((instant) => instant.toISOString());
  const rows = await getBaseDb().$queryRaw<
    Array<{ bucket: number; userId: string | null; inputTokens: bigint; outputTokens: bigint; costMicros: bigint; calls: bigint }>
  >(Prisma.sql`
    SELECT width_bucket("createdAt" AT TIME ZONE 'UTC', ${thresholds}::timestamptz[]) AS "bucket",
           "userId",
           COALESCE(SUM("inputTokens"), 0)::bigint AS "inputTokens",
           COALESCE(SUM("outputTokens"), 0)::bigint AS "outputTokens",
           COALESCE(SUM("costMicros"), 0)::bigint AS "costMicros",
           COUNT(*)::bigint AS "calls"
    FROM "AiUsageEvent"
    WHERE "teamId" = ${teamId}
      AND "createdAt" >= (${first.toISOString()}::timestamptz AT TIME ZONE 'UTC')
      AND "createdAt" < (${end.toISOString()}::timestamptz AT TIME ZONE 'UTC')
    GROUP BY 1, 2
  `);
  return rows.map((row) => ({
    day: Number(row.bucket) - 1,
    userId: row.userId,
    inputTokens: Number(row.inputTokens),
    outputTokens: Number(row.outputTokens),
    costMicros: BigInt(row.costMicros),
    calls: Number(row.calls),
  }));
}
