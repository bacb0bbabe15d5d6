/**
 * Revenue metrics over the revenue ledger — pure functions, no database.
 *
 * The ledger (RevenueEvent, appended by applySubscriptionChange) has one row per
 * change of a team's monthly recurring revenue: kind new | expansion |
 * contraction | churn | reactivation, the team's MRR after the change (mrrCents)
 * and before it (previousMrrCents), and when it happened (occurredAt). Money is in
 * US cents; AI cost and prorated revenue are in micro-USD (1 cent = 10,000 micros)
 * so cheap AI calls are not rounded to zero.
 *
 * Definitions, for a range of instants [start, end):
 *   MRR at instant t    Σ over teams of the mrrCents of the team's latest event
 *                       strictly before t (the state as t begins). "Latest" is by
 *                       occurredAt, ties in the ledger's append order. So
 *                       MRR start = MRR(start) and MRR end = MRR(end), and an event
 *                       at exactly `start` belongs to the range, not to its opening.
 *   net new MRR         Σ (mrrCents − previousMrrCents) of the events in the range,
 *                       with a breakdown by kind (new, expansion and reactivation
 *                       are positive, contraction and churn negative). Because each
 *                       event's previous MRR is the team's MRR before it, this equals
 *                       MRR end − MRR start.
 *   paying teams at t   teams whose MRR at t is above 0 ("active teams" = at end).
 *   logo churn rate     distinct teams with a churn event in the range ÷ paying
 *                       teams at start (a team that signed up and churned inside
 *                       the range counts above the line only).
 *   revenue churn rate  gross: (MRR lost to churn + MRR lost to contraction) ÷ MRR
 *                       at start; expansion does not offset it.
 *   ARPU                MRR end ÷ paying teams at end, rounded to a cent.
 *   prorated revenue    each UTC day earns the MRR in force at the day's end ÷ the
 *                       number of days in that day's month (so a signup day is
 *                       earned and a churn day is not); days that have not begun
 *                       yet earn nothing (a range may end in the future).
 *   A division by zero gives null (shown as "—"), never 0 or Infinity.
 *
 * Series: one point per UTC day when the range is at most 92 days, else one per
 * calendar month (the first and last months clipped to the range).
 */
import { DAY_MS } from "./range";

export const REVENUE_KINDS = ["new", "expansion", "contraction", "churn", "reactivation"] as const;
export type RevenueKind = (typeof REVENUE_KINDS)[number];

export const MICROS_PER_CENT = 10_000;
export const MAX_DAILY_BUCKETS = 92;

export type LedgerRow = {
  teamId: string;
  kind: string;
  mrrCents: number;
  previousMrrCents: number;
  occurredAt: Date;
};

function isRevenueKind(kind: string): kind is RevenueKind {
  return (REVENUE_KINDS as readonly string[]).includes(kind);
}

/** The row's kind; a kind this version does not know is read from the change itself. */
export function kindOf(row: Pick<LedgerRow, "kind" | "mrrCents" | "previousMrrCents">): RevenueKind {
  if (isRevenueKind(row.kind)) return row.kind;
  if (row.previousMrrCents === 0) return "new";
  if (row.mrrCents === 0) return "churn";
  return row.mrrCents > row.previousMrrCents ? "expansion" : "contraction";
}

/** Rows by occurredAt; equal instants keep their given (append) order, as Array.sort is stable. */
export function inLedgerOrder(rows: readonly LedgerRow[]): LedgerRow[] {
  return [...rows].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
}

export function ratio(numerator: number, denominator: number): number | null {
  return denominator > 0 ? numerator / denominator : null;
}

/** Each team's MRR at instant `at` (its latest event strictly before `at`). */
export function mrrByTeamAt(rows: readonly LedgerRow[], at: Date): Map<string, number> {
  const byTeam = new Map<string, number>();
  for (const row of inLedgerOrder(rows)) {
    if (row.occurredAt >= at) break;
    byTeam.set(row.teamId, row.mrrCents);
  }
  return byTeam;
}

export function mrrAt(rows: readonly LedgerRow[], at: Date): number {
  let total = 0;
  for (const mrr of mrrByTeamAt(rows, at).values()) total += mrr;
  return total;
}

function payingTeams(byTeam: Map<string, number>): number {
  let count = 0;
  for (const mrr of byTeam.values()) if (mrr > 0) count += 1;
  return count;
}

function sum(values: Iterable<number>): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}

export type RevenueSummary = {
  mrrStartCents: number;
  mrrEndCents: number;
  netNewCents: number;
  /** Σ (mrr − previous) per kind: churn and contraction are negative. */
  breakdownCents: Record<RevenueKind, number>;
  payingTeamsStart: number;
  /** "Active teams": paying at the end of the range. */
  payingTeamsEnd: number;
  newTeams: number;
  churnedTeams: number;
  reactivatedTeams: number;
  /** MRR lost to churn and to contraction (both ≥ 0). */
  churnedMrrCents: number;
  contractionMrrCents: number;
  logoChurnRate: number | null;
  revenueChurnRate: number | null;
  arpuCents: number | null;
};

/**
 * The range's revenue metrics. `rows` must hold, for every team, its latest event
 * before `start` (or its whole history) and every event in [start, end).
 */
export function summarizeRevenue(rows: readonly LedgerRow[], start: Date, end: Date): RevenueSummary {
  const opening = mrrByTeamAt(rows, start);
  const closing = mrrByTeamAt(rows, end);
  const breakdownCents: Record<RevenueKind, number> = { new: 0, expansion: 0, contraction: 0, churn: 0, reactivation: 0 };
  const teamsBy: Record<RevenueKind, Set<string>> = {
    new: new Set(),
    expansion: new Set(),
    contraction: new Set(),
    churn: new Set(),
    reactivation: new Set(),
  };
  for (const row of rows) {
    if (row.occurredAt < start || row.occurredAt >= end) continue;
    const kind = kindOf(row);
    breakdownCents[kind] += row.mrrCents - row.previousMrrCents;
    teamsBy[kind].add(row.teamId);
  }
  const mrrStartCents = sum(opening.values());
  const mrrEndCents = sum(closing.values());
  const payingTeamsStart = payingTeams(opening);
  const payingTeamsEnd = payingTeams(closing);
  const churnedMrrCents = -breakdownCents.churn;
  const contractionMrrCents = -breakdownCents.contraction;
  return {
    mrrStartCents,
    mrrEndCents,
    netNewCents: sum(Object.values(breakdownCents)),
    breakdownCents,
    payingTeamsStart,
    payingTeamsEnd,
    newTeams: teamsBy.new.size,
    churnedTeams: teamsBy.churn.size,
    reactivatedTeams: teamsBy.reactivation.size,
    churnedMrrCents,
    contractionMrrCents,
    logoChurnRate: ratio(teamsBy.churn.size, payingTeamsStart),
    revenueChurnRate: ratio(churnedMrrCents + contractionMrrCents, mrrStartCents),
    arpuCents: payingTeamsEnd > 0 ? Math.round(mrrEndCents / payingTeamsEnd) : null,
  };
}

export type Granularity = "day" | "month";

/** A point of a series: [start, end) as instants, and its first and last day (YYYY-MM-DD). */
export type Bucket = { start: Date; end: Date; from: string; to: string };

function isoDay(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

function bucket(start: Date, end: Date): Bucket {
  return { start, end, from: isoDay(start), to: isoDay(new Date(end.getTime() - DAY_MS)) };
}

/** Days in the UTC month holding `instant`. */
export function daysInMonth(instant: Date): number {
  return new Date(Date.UTC(instant.getUTCFullYear(), instant.getUTCMonth() + 1, 0)).getUTCDate();
}

/** Per day up to 92 days, else per calendar month; `start` and `end` are UTC midnights. */
export function bucketsFor(start: Date, end: Date): { granularity: Granularity; buckets: Bucket[] } {
  const days = Math.round((end.getTime() - start.getTime()) / DAY_MS);
  const buckets: Bucket[] = [];
  if (days <= MAX_DAILY_BUCKETS) {
    for (let at = start.getTime(); at < end.getTime(); at += DAY_MS) buckets.push(bucket(new Date(at), new Date(at + DAY_MS)));
    return { granularity: "day", buckets };
  }
  let from = start;
  while (from < end) {
    const nextMonth = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + 1, 1));
    const to = nextMonth < end ? nextMonth : end;
    buckets.push(bucket(from, to));
    from = to;
  }
  return { granularity: "month", buckets };
}

export type RevenuePoint = {
  /** MRR at the bucket's end. */
  mrrCents: number;
  netNewCents: number;
  /** Prorated revenue earned in the bucket (see the definitions above). */
  revenueMicros: number;
};

/**
 * MRR, net new MRR and prorated revenue per bucket. `rows` as for
 * summarizeRevenue, with `buckets` covering [start, end) in order.
 */
export function revenueSeries(rows: readonly LedgerRow[], buckets: readonly Bucket[], now: Date): RevenuePoint[] {
  const ordered = inLedgerOrder(rows);
  const byTeam = new Map<string, number>();
  let total = 0;
  let next = 0;
  const applyBefore = (instant: Date): number => {
    let delta = 0;
    for (let row = ordered[next]; row && row.occurredAt < instant; row = ordered[++next]) {
      total += row.mrrCents - (byTeam.get(row.teamId) ?? 0);
      byTeam.set(row.teamId, row.mrrCents);
      delta += row.mrrCents - row.previousMrrCents;
    }
    return delta;
  };
  const first = buckets[0];
  if (first) applyBefore(first.start);
  return buckets.map((current) => {
    let netNewCents = 0;
    let revenue = 0;
    for (let day = current.start.getTime(); day < current.end.getTime(); day += DAY_MS) {
      const dayStart = new Date(day);
      netNewCents += applyBefore(new Date(Math.min(day + DAY_MS, current.end.getTime())));
      if (dayStart <= now) revenue += (total * MICROS_PER_CENT) / daysInMonth(dayStart);
    }
    return { mrrCents: total, netNewCents, revenueMicros: Math.round(revenue) };
  });
}

export type InvoiceRow = { amountDueCents: number; status: string; issuedAt: Date };

/** Invoices that bill the team: issued and not voided or written off. */
const BILLED_STATUSES: ReadonlySet<string> = new Set(["open", "paid"]);

/**
 * Overage billed on an invoice: what it asks beyond the team's plan fee at the time
 * (the MRR after every ledger event up to the invoice's issue). The fixed fee is
 * billed in advance and metered overage in arrears, so the excess over the fee is
 * the usage; a proration invoice smaller than the fee has none.
 */
export function invoiceOverageCents(rows: readonly LedgerRow[], invoice: InvoiceRow): number {
  if (!BILLED_STATUSES.has(invoice.status)) return 0;
  const fee = mrrAt(rows, new Date(invoice.issuedAt.getTime() + 1));
  return Math.max(0, invoice.amountDueCents - fee);
}

/** The bucket index holding `instant`, or -1. */
export function bucketIndexOf(buckets: readonly Bucket[], instant: Date): number {
  return buckets.findIndex((candidate) => instant >= candidate.start && instant < candidate.end);
}
