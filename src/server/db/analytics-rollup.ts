import { getBaseDb } from "./client";
import { Prisma } from "./generated/client";

/**
 * The aggregate reads behind the analytics dashboard (src/server/services/analytics).
 *
 * Raw SQL because Prisma cannot express them without reading every row into
 * memory: "the latest ledger row of each team" is PostgreSQL's DISTINCT ON,
 * "AI usage per day or month" groups by a computed bucket (width_bucket over the
 * bucket starts, as in ai-usage-rollup.ts), and "top users by tokens" orders by a
 * sum of two columns. Each answer is at most teams, buckets or `limit` rows, however
 * long the ledger or the usage log is.
 *
 * RevenueEvent and AiUsageEvent are control-plane tables (no RLS): the scope is
 * the only wall. It is explicit — a team id, or "platform" for every team, which
 * only superadmin code passes — so a missing team id can never mean "all teams".
 *
 * Timestamps are timestamp(3) holding UTC wall-clock time: instants are compared
 * as UTC explicitly, whatever the session's TimeZone setting is.
 */
export type AnalyticsScope = { teamId: string } | "platform";

function scopeFilter(scope: AnalyticsScope): Prisma.Sql {
  if (scope === "platform") return Prisma.empty;
  if (!scope.teamId) throw new Error("analytics scope without a team id");
  return Prisma.sql`AND "teamId" = ${scope.teamId}`;
}

function utc(instant: Date): Prisma.Sql {
  return Prisma.sql`(${instant.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;
}

export type LedgerRowRecord = {
  teamId: string;
  kind: string;
  mrrCents: number;
  previousMrrCents: number;
  occurredAt: Date;
};

/**
 * Each team's latest revenue event strictly before `before`: the opening state of
 * a range. Ties on occurredAt (a signup and its plan change in one transaction)
 * are broken by the ledger's append order (createdAt, then the cuid id).
 */
export async function ledgerOpeningRows(scope: AnalyticsScope, before: Date): Promise<LedgerRowRecord[]> {
  const rows = await getBaseDb().$queryRaw<LedgerRowRecord[]>(Prisma.sql`
    SELECT DISTINCT ON ("teamId") "teamId", "kind", "mrrCents", "previousMrrCents", "occurredAt"
    FROM "RevenueEvent"
    WHERE "occurredAt" < ${utc(before)} ${scopeFilter(scope)}
    ORDER BY "teamId", "occurredAt" DESC, "createdAt" DESC, "id" DESC
  `);
  return rows.map((row) => ({ ...row, mrrCents: Number(row.mrrCents), previousMrrCents: Number(row.previousMrrCents) }));
}

export type UsageBucketTotals = {
  /** Index into the `bucketStarts` passed in (0 = the first bucket). */
  bucket: number;
  inputTokens: number;
  outputTokens: number;
  costMicros: bigint;
  calls: number;
};

/** AI usage summed per bucket, where bucket i is [bucketStarts[i], bucketStarts[i + 1]) and the last ends at `end`. */
export async function aiUsageByBucket(scope: AnalyticsScope, bucketStarts: readonly Date[], end: Date): Promise<UsageBucketTotals[]> {
  const first = bucketStarts[0];
  if (!first) return [];
  const thresholds = bucketStarts.map((instant) => instant.toISOString());
  const rows = await getBaseDb().$queryRaw<
    Array<{ bucket: number; inputTokens: bigint; outputTokens: bigint; costMicros: bigint; calls: bigint }>
  >(Prisma.sql`
    SELECT width_bucket("createdAt" AT TIME ZONE 'UTC', ${thresholds}::timestamptz[]) AS "bucket",
           COALESCE(SUM("inputTokens"), 0)::bigint AS "inputTokens",
           COALESCE(SUM("outputTokens"), 0)::bigint AS "outputTokens",
           COALESCE(SUM("costMicros"), 0)::bigint AS "costMicros",
           COUNT(*)::bigint AS "calls"
    FROM "AiUsageEvent"
    WHERE "createdAt" >= ${utc(first)} AND "createdAt" < ${utc(end)} ${scopeFilter(scope)}
    GROUP BY 1
  `);
  return rows.map((row) => ({
    bucket: Number(row.bucket) - 1,
    inputTokens: Number(row.inputTokens),
    outputTokens: Number(row.outputTokens),
    costMicros: BigInt(row.costMicros),
    calls: Number(row.calls),
  }));
}

export type TopUsageRow = {
  teamId: string;
  userId: string;
  inputTokens: number;
  outputTokens: number;
  costMicros: bigint;
  calls: number;
};

/**
 * The users (per team: one person's usage in two teams is two rows) with the most
 * AI tokens in [start, end). Calls made by background work (no user) are left out.
 */
export async function topAiUsers(scope: AnalyticsScope, start: Date, end: Date, limit: number): Promise<TopUsageRow[]> {
  const rows = await getBaseDb().$queryRaw<
    Array<{ teamId: string; userId: string; inputTokens: bigint; outputTokens: bigint; costMicros: bigint; calls: bigint }>
  >(Prisma.sql`
    SELECT "teamId", "userId",
           COALESCE(SUM("inputTokens"), 0)::bigint AS "inputTokens",
           COALESCE(SUM("outputTokens"), 0)::bigint AS "outputTokens",
           COALESCE(SUM("costMicros"), 0)::bigint AS "costMicros",
           COUNT(*)::bigint AS "calls"
    FROM "AiUsageEvent"
    WHERE "createdAt" >= ${utc(start)} AND "createdAt" < ${utc(end)} AND "userId" IS NOT NULL ${scopeFilter(scope)}
    GROUP BY "teamId", "userId"
    ORDER BY SUM("inputTokens") + SUM("outputTokens") DESC, SUM("costMicros") DESC, "teamId", "userId"
    LIMIT ${limit}
  `);
  return rows.map((row) => ({
    teamId: row.teamId,
    userId: row.userId,
    inputTokens: Number(row.inputTokens),
    outputTokens: Number(row.outputTokens),
    costMicros: BigInt(row.costMicros),
    calls: Number(row.calls),
  }));
}
