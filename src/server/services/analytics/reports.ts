/**
 * The analytics dashboard's two reports (spec feature 25), assembled from the
 * revenue ledger and the AI usage log. The metric definitions are in metrics.ts.
 *
 *   platformAnalytics   every team (superadmins): MRR, net new MRR and its
 *                       breakdown, logo and revenue churn, active teams, ARPU,
 *                       AI cost against prorated revenue, top users by tokens.
 *   teamAnalytics       one team (its OWNER): its AI tokens and cost against what
 *                       it pays — its plan fee prorated per day (from its own
 *                       ledger rows) plus overage billed on its invoices — its
 *                       top users and current plan. It reads nothing of any
 *                       other team.
 *
 * Both are cached per scope, range and data watermark (cache.ts).
 */
import { planById, type PlanId } from "@/lib/plans";
import type { SubscriptionStatus } from "@/server/db/generated/client";
import { ValidationError } from "@/server/errors";
import { cachedAnalytics } from "./cache";
import {
  bucketIndexOf,
  bucketsFor,
  invoiceOverageCents,
  MICROS_PER_CENT,
  mrrAt,
  ratio,
  revenueSeries,
  summarizeRevenue,
  type Granularity,
  type RevenueSummary,
} from "./metrics";
import {
  aiUsageByBucket,
  readInvoices,
  readLedger,
  readSubscription,
  readTeamNames,
  readUsers,
  readWatermark,
  topAiUsers,
  type AnalyticsScope,
} from "./queries";
import { analyticsRangeProblem, MAX_PLATFORM_RANGE_DAYS, MAX_TEAM_RANGE_DAYS, rangeDays, rangeInstants, type DateRange } from "./range";

export const TOP_USERS = 10;

type UsageTotals = { inputTokens: number; outputTokens: number; calls: number; costMicros: number };

export type TopUser = UsageTotals & { userId: string; name: string | null; email: string | null; tokens: number };

export type PlatformSeriesPoint = {
  from: string;
  to: string;
  mrrCents: number;
  netNewCents: number;
  revenueMicros: number;
  costMicros: number;
  tokens: number;
};

export type PlatformAnalytics = {
  from: string;
  to: string;
  days: number;
  granularity: Granularity;
  summary: RevenueSummary;
  ai: UsageTotals & { revenueMicros: number; marginMicros: number; /** AI cost ÷ revenue. */ costShare: number | null };
  series: PlatformSeriesPoint[];
  topUsers: Array<TopUser & { teamId: string; teamName: string | null }>;
};

export type TeamSeriesPoint = {
  from: string;
  to: string;
  inputTokens: number;
  outputTokens: number;
  tokens: number;
  costMicros: number;
  feeMicros: number;
  overageMicros: number;
  paidMicros: number;
};

export type TeamAnalytics = {
  from: string;
  to: string;
  days: number;
  granularity: Granularity;
  plan: { id: PlanId; name: string; monthlyPriceCents: number; status: SubscriptionStatus | null };
  /** What the team pays a month at the end of the range (its MRR in the ledger). */
  mrrCents: number;
  totals: UsageTotals & { feeMicros: number; overageMicros: number; paidMicros: number; marginMicros: number; costShare: number | null };
  series: TeamSeriesPoint[];
  topUsers: TopUser[];
};

function checkRange(range: DateRange, maxDays: number): void {
  const problem = analyticsRangeProblem(range, maxDays);
  if (problem) throw new ValidationError(problem.message, problem.field);
}

function dayOf(now: Date): string {
  return now.toISOString().slice(0, 10);
}

async function usageOf(scope: AnalyticsScope, range: DateRange) {
  const { start, end } = rangeInstants(range);
  const { granularity, buckets } = bucketsFor(start, end);
  const [ledger, usage, top] = await Promise.all([
    readLedger(scope, start, end),
    aiUsageByBucket(
      scope,
      buckets.map((b) => b.start),
      end,
    ),
    topAiUsers(scope, start, end, TOP_USERS),
  ]);
  const perBucket = buckets.map(() => ({ inputTokens: 0, outputTokens: 0, calls: 0, costMicros: 0 }));
  for (const row of usage) {
    const target = perBucket[row.bucket];
    if (!target) continue;
    target.inputTokens += row.inputTokens;
    target.outputTokens += row.outputTokens;
    target.calls += row.calls;
    target.costMicros += Number(row.costMicros);
  }
  const totals = perBucket.reduce(
    (acc, b) => ({
      inputTokens: acc.inputTokens + b.inputTokens,
      outputTokens: acc.outputTokens + b.outputTokens,
      calls: acc.calls + b.calls,
      costMicros: acc.costMicros + b.costMicros,
    }),
    { inputTokens: 0, outputTokens: 0, calls: 0, costMicros: 0 },
  );
  const users = await readUsers([...new Set(top.map((row) => row.userId))]);
  const topUsers = top.map((row) => ({
    userId: row.userId,
    teamId: row.teamId,
    name: users.get(row.userId)?.name ?? null,
    email: users.get(row.userId)?.email ?? null,
    inputTokens: row.inputTokens,
    outputTokens: row.outputTokens,
    tokens: row.inputTokens + row.outputTokens,
    calls: row.calls,
    costMicros: Number(row.costMicros),
  }));
  return { start, end, granularity, buckets, ledger, perBucket, totals, topUsers };
}

export async function platformAnalytics(range: DateRange, now: Date = new Date()): Promise<PlatformAnalytics> {
  checkRange(range, MAX_PLATFORM_RANGE_DAYS);
  const watermark = await readWatermark("platform");
  return cachedAnalytics(`platform:${range.from}:${range.to}:${dayOf(now)}`, watermark, async () => {
    const { start, end, granularity, buckets, ledger, perBucket, totals, topUsers } = await usageOf("platform", range);
    const revenue = revenueSeries(ledger, buckets, now);
    const teamNames = await readTeamNames([...new Set(topUsers.map((user) => user.teamId))]);
    const revenueMicros = revenue.reduce((acc, point) => acc + point.revenueMicros, 0);
    return {
      from: range.from,
      to: range.to,
      days: rangeDays(range),
      granularity,
      summary: summarizeRevenue(ledger, start, end),
      ai: { ...totals, revenueMicros, marginMicros: revenueMicros - totals.costMicros, costShare: ratio(totals.costMicros, revenueMicros) },
      series: buckets.map((b, i) => ({
        from: b.from,
        to: b.to,
        mrrCents: revenue[i]?.mrrCents ?? 0,
        netNewCents: revenue[i]?.netNewCents ?? 0,
        revenueMicros: revenue[i]?.revenueMicros ?? 0,
        costMicros: perBucket[i]?.costMicros ?? 0,
        tokens: (perBucket[i]?.inputTokens ?? 0) + (perBucket[i]?.outputTokens ?? 0),
      })),
      topUsers: topUsers.map((user) => ({ ...user, teamName: teamNames.get(user.teamId) ?? null })),
    };
  });
}

export async function teamAnalytics(teamId: string, range: DateRange, now: Date = new Date()): Promise<TeamAnalytics> {
  checkRange(range, MAX_TEAM_RANGE_DAYS);
  if (!teamId) throw new ValidationError("Choose a team first.");
  const scope: AnalyticsScope = { teamId };
  const watermark = await readWatermark(scope);
  return cachedAnalytics(`team:${teamId}:${range.from}:${range.to}:${dayOf(now)}`, watermark, async () => {
    const { start, end, granularity, buckets, ledger, perBucket, totals, topUsers } = await usageOf(scope, range);
    const [invoices, subscription] = await Promise.all([readInvoices(teamId, start, end), readSubscription(teamId)]);
    const fees = revenueSeries(ledger, buckets, now);
    const overage = buckets.map(() => 0);
    for (const invoice of invoices) {
      const index = bucketIndexOf(buckets, invoice.issuedAt);
      if (index >= 0) overage[index] = (overage[index] ?? 0) + invoiceOverageCents(ledger, invoice) * MICROS_PER_CENT;
    }
    const series = buckets.map((b, i) => {
      const usage = perBucket[i] ?? { inputTokens: 0, outputTokens: 0, calls: 0, costMicros: 0 };
      const feeMicros = fees[i]?.revenueMicros ?? 0;
      const overageMicros = overage[i] ?? 0;
      return {
        from: b.from,
        to: b.to,
        inputTokens: usage.inputTokens,
        outputTokens: usage.outputTokens,
        tokens: usage.inputTokens + usage.outputTokens,
        costMicros: usage.costMicros,
        feeMicros,
        overageMicros,
        paidMicros: feeMicros + overageMicros,
      };
    });
    const feeMicros = series.reduce((acc, point) => acc + point.feeMicros, 0);
    const overageMicros = series.reduce((acc, point) => acc + point.overageMicros, 0);
    const paidMicros = feeMicros + overageMicros;
    const plan = planById(subscription?.planId ?? "");
    return {
      from: range.from,
      to: range.to,
      days: rangeDays(range),
      granularity,
      plan: { id: plan.id, name: plan.name, monthlyPriceCents: plan.monthlyPriceCents, status: subscription?.status ?? null },
      mrrCents: mrrAt(ledger, end),
      totals: { ...totals, feeMicros, overageMicros, paidMicros, marginMicros: paidMicros - totals.costMicros, costShare: ratio(totals.costMicros, paidMicros) },
      series,
      // One team: the team column would only repeat it.
      topUsers: topUsers.map((user) => ({
        userId: user.userId,
        name: user.name,
        email: user.email,
        inputTokens: user.inputTokens,
        outputTokens: user.outputTokens,
        tokens: user.tokens,
        calls: user.calls,
        costMicros: user.costMicros,
      })),
    };
  });
}
