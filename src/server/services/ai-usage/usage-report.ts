/**
 * Operational intelligence: what the team's AI use costs against what the team
 * pays, per day and per user, so an admin can see who costs more than they bring.
 *
 *   cost     the AiUsageEvent.costMicros recorded with each call (tokens × the
 *            model's price at the time of the call; see services/ai/config.ts)
 *   revenue  the monthly price of the team's subscription plan, prorated per day:
 *            each day earns price / days-in-its-month, so a range across months is
 *            exact; per user it is the team's revenue split evenly over the
 *            team's current members
 *   margin   revenue − cost; a user is flagged when their cost exceeds their revenue
 *
 * Money is in micro-USD (1 cent = 10,000 micros) so cheap calls are not rounded to
 * zero. Days are the team's local days (Team.timezone).
 *
 * AiUsageEvent, Team, Membership and User are control-plane models, so this reads
 * them through getBaseDb(): there is no tenant client (and no RLS) to scope them,
 * and every query below is filtered by the caller's team id, which comes from the
 * verified session (teamProcedure), never from the client's input.
 */
import { planById, type Plan } from "@/lib/plans";
import { sumAiUsageByDayAndUser } from "@/server/db/ai-usage-rollup";
import { getBaseDb } from "@/server/db/client";
import { NotFoundError, ValidationError } from "@/server/errors";
import { addDays, parseLocalDate, safeTimeZone, zonedInstant } from "@/server/jobs/local-time";
import { getSubscription } from "@/server/services/billing/subscriptions";

export const MAX_USAGE_RANGE_DAYS = 366;
export const MICROS_PER_CENT = 10_000;

/** Why a date range cannot be reported on, or null when it can. Shared with the zod schema. */
export function usageRangeProblem(range: { from: string; to: string }): { field: "from" | "to"; message: string } | null {
  if (!parseLocalDate(range.from)) return { field: "from", message: "That start date does not exist." };
  if (!parseLocalDate(range.to)) return { field: "to", message: "That end date does not exist." };
  if (range.from > range.to) return { field: "to", message: "Choose an end date on or after the start date." };
  if (daysBetween(range.from, range.to) + 1 > MAX_USAGE_RANGE_DAYS) {
    return { field: "to", message: "Choose a range of at most 366 days." };
  }
  return null;
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

function daysInMonth(date: string): number {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The plan's price earned on one day, in (fractional) micro-USD. */
export function dailyRevenueMicros(plan: Pick<Plan, "monthlyPriceCents">, date: string): number {
  return (plan.monthlyPriceCents * MICROS_PER_CENT) / daysInMonth(date);
}

export type UsageTotals = {
  inputTokens: number;
  outputTokens: number;
  calls: number;
  costMicros: number;
  revenueMicros: number;
  marginMicros: number;
};

export type UsageDay = {
  date: string;
  inputTokens: number;
  outputTokens: number;
  calls: number;
  costMicros: number;
  revenueMicros: number;
};

export type UsageUserRow = UsageTotals & {
  userId: string;
  name: string | null;
  email: string | null;
  /** Null: no longer a member of the team (their past usage still counts). */
  role: string | null;
  /** Their AI cost is higher than their share of the team's revenue. */
  flagged: boolean;
};

export type AiUsageReport = {
  from: string;
  to: string;
  days: number;
  timeZone: string;
  plan: { id: Plan["id"]; name: string; monthlyPriceCents: number };
  memberCount: number;
  totals: UsageTotals & { flaggedUsers: number };
  daily: UsageDay[];
  users: UsageUserRow[];
  /** Calls made for the team by background work (digest, document indexing), with no user. */
  unattributed: Omit<UsageTotals, "revenueMicros" | "marginMicros"> | null;
};

type Sums = { inputTokens: number; outputTokens: number; calls: number; costMicros: bigint };
const emptySums = (): Sums => ({ inputTokens: 0, outputTokens: 0, calls: 0, costMicros: 0n });

function addTo(target: Sums, row: Sums): void {
  target.inputTokens += row.inputTokens;
  target.outputTokens += row.outputTokens;
  target.calls += row.calls;
  target.costMicros += row.costMicros;
}

export async function getAiUsageReport(teamId: string, range: { from: string; to: string }): Promise<AiUsageReport> {
  const problem = usageRangeProblem(range);
  if (problem) throw new ValidationError(problem.message, problem.field);
  const db = getBaseDb();
  const team = await db.team.findUnique({ where: { id: teamId }, select: { timezone: true } });
  if (!team) throw new NotFoundError("Team");
  const timeZone = safeTimeZone(team.timezone);
  // What the team pays is its subscription's plan (not its tenancy tier).
  const plan = planById((await getSubscription(teamId)).planId);

  const dates: string[] = [];
  for (let date = range.from; date <= range.to; date = addDays(date, 1)) dates.push(date);
  const dayStarts = dates.map((date) => zonedInstant(date, 0, 0, timeZone));
  const end = zonedInstant(addDays(range.to, 1), 0, 0, timeZone);

  const [buckets, memberships] = await Promise.all([
    sumAiUsageByDayAndUser(teamId, dayStarts, end),
    db.membership.findMany({
      where: { teamId },
      select: { role: true, user: { select: { id: true, name: true, email: true } } },
    }),
  ]);

  const perDay = dates.map(() => emptySums());
  const perUser = new Map<string, Sums>();
  const unattributed = emptySums();
  for (const bucket of buckets) {
    const day = perDay[bucket.day];
    if (day) addTo(day, bucket);
    if (bucket.userId === null) addTo(unattributed, bucket);
    else {
      const sums = perUser.get(bucket.userId) ?? emptySums();
      addTo(sums, bucket);
      perUser.set(bucket.userId, sums);
    }
  }

  const revenueExact = dates.reduce((sum, date) => sum + dailyRevenueMicros(plan, date), 0);
  const revenueMicros = Math.round(revenueExact);
  const memberCount = memberships.length;
  const revenuePerMember = memberCount > 0 ? Math.round(revenueExact / memberCount) : 0;

  // Former members who used AI in the range still appear, with no revenue share.
  const memberIds = new Set(memberships.map((m) => m.user.id));
  const formerIds = [...perUser.keys()].filter((id) => !memberIds.has(id));
  const formerUsers =
    formerIds.length > 0
      ? await db.user.findMany({ where: { id: { in: formerIds } }, select: { id: true, name: true, email: true } })
      : [];
  const formerById = new Map(formerUsers.map((user) => [user.id, user]));

  const people = [
    ...memberships.map((m) => ({ ...m.user, role: m.role as string | null, revenue: revenuePerMember })),
    ...formerIds.map((id) => ({
      id,
      name: formerById.get(id)?.name ?? null,
      email: formerById.get(id)?.email ?? null,
      role: null,
      revenue: 0,
    })),
  ];
  const users: UsageUserRow[] = people.map((person) => {
    const sums = perUser.get(person.id) ?? emptySums();
    const costMicros = Number(sums.costMicros);
    return {
      userId: person.id,
      name: person.name,
      email: person.email,
      role: person.role,
      inputTokens: sums.inputTokens,
      outputTokens: sums.outputTokens,
      calls: sums.calls,
      costMicros,
      revenueMicros: person.revenue,
      marginMicros: person.revenue - costMicros,
      flagged: costMicros > person.revenue,
    };
  });
  users.sort(
    (a, b) =>
      Number(b.flagged) - Number(a.flagged) ||
      b.costMicros - a.costMicros ||
      (a.name ?? a.email ?? "").localeCompare(b.name ?? b.email ?? ""),
  );

  const total = emptySums();
  for (const day of perDay) addTo(total, day);
  const totalCost = Number(total.costMicros);

  return {
    from: range.from,
    to: range.to,
    days: dates.length,
    timeZone,
    plan: { id: plan.id, name: plan.name, monthlyPriceCents: plan.monthlyPriceCents },
    memberCount,
    totals: {
      inputTokens: total.inputTokens,
      outputTokens: total.outputTokens,
      calls: total.calls,
      costMicros: totalCost,
      revenueMicros,
      marginMicros: revenueMicros - totalCost,
      flaggedUsers: users.filter((user) => user.flagged).length,
    },
    daily: dates.map((date, i) => {
      const sums = perDay[i] ?? emptySums();
      return {
        date,
        inputTokens: sums.inputTokens,
        outputTokens: sums.outputTokens,
        calls: sums.calls,
        costMicros: Number(sums.costMicros),
        revenueMicros: Math.round(dailyRevenueMicros(plan, date)),
      };
    }),
    users,
    unattributed:
      unattributed.calls > 0
        ? {
            inputTokens: unattributed.inputTokens,
            outputTokens: unattributed.outputTokens,
            calls: unattributed.calls,
            costMicros: Number(unattributed.costMicros),
          }
        : null,
  };
}
