import { z } from "zod";
import { getBaseDb } from "../../db/client";
import type { Prisma } from "../../db/generated/client";
import { ConflictError, NotFoundError } from "../../errors";
import { describeError } from "../../log";
import { METERED_USAGE } from "../ai/quota";
import { billingConfig, type StripeConfig } from "./config";
import { stripeClient } from "./stripe-client";
import { isStripeError } from "./stripe-errors";

/**
 * AI usage reported to Stripe Billing Meters, in two idempotent, resumable phases
 * (the report-usage-meters job runs both every five minutes):
 *
 * 1. batch — per team billed by Stripe, one transaction creates a MeterReport and
 *    stamps the team's unreported metered AiUsageEvents with its id. An event is
 *    stamped once (only while its meterReportId is NULL), so it is in exactly one
 *    report, whoever else batches at the same time.
 * 2. send — every PENDING report becomes one meter event whose `identifier` is the
 *    report's id (and the request's Idempotency-Key is derived from it). A failed
 *    send is retried later with the same identifier and the same payload, which
 *    Stripe deduplicates for at least 24 hours: tokens are never counted twice.
 *    After RETRY_WINDOW_MS of failures the report is FAILED for an operator,
 *    because a resend past Stripe's deduplication window could double count.
 *    A request Stripe refuses for good (400/404: an unknown customer or meter)
 *    is FAILED at once: it was not counted, so an operator who fixed the cause
 *    moves its usage into a new report (reissueMeterReport) and nothing is lost.
 *
 * What is billed through the meter: usage from the moment the team is billed by
 * Stripe. Usage from before (the local Starter period, nothing to bill it to) is
 * stamped once into one local "not billed" report and never reported; a batch
 * never spans the end of a billing period, so the usage of an ended period is
 * reported with a time inside that period (see billedFrom and claimBatch).
 */
export const METERING_LIMITS = {
  /** Events in one report (one transaction). */
  maxEventsPerReport: 5_000,
  /** Tokens in one report: MeterReport.tokens is a 32-bit integer. */
  maxTokensPerReport: 1_000_000_000,
  /** Reports created per run; the next run continues. */
  maxReportsPerRun: 200,
  /** Sends per run (Stripe allows one concurrent call per customer and meter: they go one by one). */
  maxSendsPerRun: 200,
} as const;

export type MeteringLimits = { [K in keyof typeof METERING_LIMITS]: number };

/** Stripe deduplicates identifiers for at least 24 hours; retries stop well before. */
export const RETRY_WINDOW_MS = 20 * 3_600_000;
const DAY_MS = 86_400_000;
const TEAM_PAGE = 500;

/** Metered events not carried by any report yet, with tokens to carry. */
export const UNREPORTED_USAGE = {
  meterReportId: null,
  ...METERED_USAGE,
  OR: [{ inputTokens: { gt: 0 } }, { outputTokens: { gt: 0 } }],
} as const satisfies Prisma.AiUsageEventWhereInput;

export type BatchResult = { reports: number; tokens: number; events: number };

/**
 * The local report carrying a team's usage from before it was billed by Stripe:
 * SENT (nothing is left to do with it), never sent anywhere. Its usageTo is the
 * instant Stripe billing starts for the team; it is set when the report is
 * created and never moves, so "before Stripe" means the same on every run.
 */
export const NOT_BILLED_EVENT_NAME = "not_billed";
const MAX_INT = 2_147_483_647;

export type MeteringOptions = {
  now?: Date;
  /** Stops sending between reports (the job's timeout or shutdown). */
  signal?: AbortSignal;
  limits?: MeteringLimits;
  /** Only these teams (an operator re-running one team, a test); all teams when unset. */
  teamIds?: readonly string[];
};

type BatchTarget = {
  teamId: string;
  customerRef: string;
  eventName: string;
  /** Usage before this instant is not billed by Stripe (see NOT_BILLED_EVENT_NAME). */
  billedFrom: Date;
  /** The stored Stripe period: a report carries the usage of one period only. */
  period: { start: Date; end: Date };
};

/** Which period a usage instant falls in: before the stored one (ended), in it, or after it (renewal not recorded yet). */
function periodSlot(at: Date, period: { start: Date; end: Date }): number {
  if (at < period.start) return -1;
  return at < period.end ? 0 : 1;
}

type ClaimOutcome = { reportId: string; tokens: number; events: number; more: boolean } | null;

/**
 * One report for the oldest unreported events of a team, in one transaction. The
 * stamp only takes rows that are still unreported: a concurrent batcher that
 * stamped some of them first keeps them, and this report carries exactly what
 * it stamped (recounted), or is dropped when it got nothing.
 */
async function claimBatch(target: BatchTarget, limits: MeteringLimits): Promise<ClaimOutcome> {
  return getBaseDb().$transaction(async (tx) => {
    const candidates = await tx.aiUsageEvent.findMany({
      where: { teamId: target.teamId, ...UNREPORTED_USAGE, createdAt: { gte: target.billedFrom } },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: limits.maxEventsPerReport,
      select: { id: true, inputTokens: true, outputTokens: true, createdAt: true },
    });
    const chosen: typeof candidates = [];
    let tokens = 0;
    let slot: number | null = null;
    for (const event of candidates) {
      const eventTokens = event.inputTokens + event.outputTokens;
      if (chosen.length > 0 && tokens + eventTokens > limits.maxTokensPerReport) break;
      // The meter event's time is the last usage it carries: usage of an ended
      // period stays apart from the next period's, so it is billed in its own.
      const eventSlot = periodSlot(event.createdAt, target.period);
      if (slot !== null && eventSlot !== slot) break;
      slot = eventSlot;
      chosen.push(event);
      tokens += eventTokens;
    }
    const first = chosen[0];
    const last = chosen[chosen.length - 1];
    // Nothing to carry: no report (a zero-token meter event would bill nothing).
    if (!first || !last || tokens <= 0) return null;

    const report = await tx.meterReport.create({
      data: {
        teamId: target.teamId,
        provider: "stripe",
        customerRef: target.customerRef,
        eventName: target.eventName,
        tokens,
        usageFrom: first.createdAt,
        usageTo: last.createdAt,
        status: "PENDING",
      },
      select: { id: true },
    });
    const stamped = await tx.aiUsageEvent.updateMany({
      where: { id: { in: chosen.map((event) => event.id) }, meterReportId: null },
      data: { meterReportId: report.id },
    });
    const more = chosen.length < candidates.length || candidates.length === limits.maxEventsPerReport;
    if (stamped.count === chosen.length) return { reportId: report.id, tokens, events: chosen.length, more };

    // Lost some (or all) rows to a concurrent batcher: carry only what was stamped here.
    const carried = await tx.aiUsageEvent.aggregate({
      where: { meterReportId: report.id },
      _sum: { inputTokens: true, outputTokens: true },
      _min: { createdAt: true },
      _max: { createdAt: true },
      _count: { _all: true },
    });
    const carriedTokens = (carried._sum.inputTokens ?? 0) + (carried._sum.outputTokens ?? 0);
    if (carried._count._all === 0 || carriedTokens <= 0 || !carried._min.createdAt || !carried._max.createdAt) {
      await tx.aiUsageEvent.updateMany({ where: { meterReportId: report.id }, data: { meterReportId: null } });
      await tx.meterReport.delete({ where: { id: report.id }, select: { id: true } });
      return null;
    }
    await tx.meterReport.update({
      where: { id: report.id },
      data: { tokens: carriedTokens, usageFrom: carried._min.createdAt, usageTo: carried._max.createdAt },
      select: { id: true },
    });
    return { reportId: report.id, tokens: carriedTokens, events: carried._count._all, more: false };
  });
}

/**
 * Where Stripe billing of a team starts, when no not-billed report fixed it yet:
 * the start of its stored Stripe period — seen by the batcher (every five
 * minutes) within minutes of the team subscribing — or, for a team whose usage
 * was reported before, the first usage reported (the stored period has moved on
 * since, and the usage between is of earlier Stripe periods).
 */
function firstBilledInstant(periodStart: Date, firstReported: Date | null | undefined): Date {
  return firstReported && firstReported < periodStart ? firstReported : periodStart;
}

/**
 * Stamps the team's unreported metered usage from before `billedFrom` into its
 * not-billed report (created now, with that boundary, if there is none yet), on
 * the locked subscription row so concurrent batchers keep one report and one
 * boundary. Returns the boundary in force.
 */
async function stampNotBilledUsage(teamId: string, customerRef: string, proposedFrom: Date, now: Date): Promise<Date> {
  return getBaseDb().$transaction(async (tx) => {
    await tx.subscription.updateMany({ where: { teamId }, data: { teamId } });
    const existing = await tx.meterReport.findFirst({
      where: { teamId, provider: "local", eventName: NOT_BILLED_EVENT_NAME },
      orderBy: { createdAt: "asc" },
      select: { id: true, usageTo: true },
    });
    const billedFrom = existing?.usageTo ?? proposedFrom;
    const stale = { teamId, ...UNREPORTED_USAGE, createdAt: { lt: billedFrom } } satisfies Prisma.AiUsageEventWhereInput;
    if (!existing && (await tx.aiUsageEvent.count({ where: stale })) === 0) return billedFrom;
    const report =
      existing ??
      (await tx.meterReport.create({
        data: { teamId, provider: "local", customerRef, eventName: NOT_BILLED_EVENT_NAME, tokens: 0, usageFrom: billedFrom, usageTo: billedFrom, status: "SENT", sentAt: now },
        select: { id: true, usageTo: true },
      }));
    await tx.aiUsageEvent.updateMany({ where: stale, data: { meterReportId: report.id } });
    const carried = await tx.aiUsageEvent.aggregate({ where: { meterReportId: report.id }, _sum: { inputTokens: true, outputTokens: true }, _min: { createdAt: true } });
    const tokens = (carried._sum.inputTokens ?? 0) + (carried._sum.outputTokens ?? 0);
    await tx.meterReport.update({
      where: { id: report.id },
      data: { tokens: Math.min(tokens, MAX_INT), usageFrom: carried._min.createdAt ?? billedFrom },
      select: { id: true },
    });
    return billedFrom;
  });
}

/** Phase 1: unreported usage of every Stripe-billed team into PENDING reports (bounded per run). */
export async function batchUsageIntoReports(eventName: string, options: Pick<MeteringOptions, "limits" | "teamIds" | "now"> = {}): Promise<BatchResult> {
  const limits = options.limits ?? METERING_LIMITS;
  const now = options.now ?? new Date();
  const db = getBaseDb();
  const result: BatchResult = { reports: 0, tokens: 0, events: 0 };
  let cursor: string | undefined;
  for (;;) {
    const subscriptions = await db.subscription.findMany({
      where: { provider: "stripe", stripeCustomerId: { not: null }, ...(options.teamIds ? { teamId: { in: [...options.teamIds] } } : {}) },
      orderBy: { teamId: "asc" },
      take: TEAM_PAGE,
      ...(cursor ? { cursor: { teamId: cursor }, skip: 1 } : {}),
      select: { teamId: true, stripeCustomerId: true, currentPeriodStart: true, currentPeriodEnd: true },
    });
    if (subscriptions.length === 0) return result;
    // One query tells which of these teams have anything to report, and from when to when.
    const pending = await db.aiUsageEvent.groupBy({
      by: ["teamId"],
      where: { teamId: { in: subscriptions.map((sub) => sub.teamId) }, ...UNREPORTED_USAGE },
      _min: { createdAt: true },
      _max: { createdAt: true },
    });
    const usageOf = new Map(pending.map((row) => [row.teamId, { oldest: row._min.createdAt, newest: row._max.createdAt }]));
    const teamsWithUsage = [...usageOf.keys()];
    // Where each of them is billed from: its not-billed report, else its first reported usage.
    const [notBilled, firstReported] = teamsWithUsage.length === 0 ? [[], []] : await Promise.all([
      db.meterReport.findMany({ where: { teamId: { in: teamsWithUsage }, provider: "local", eventName: NOT_BILLED_EVENT_NAME }, select: { teamId: true, usageTo: true } }),
      db.meterReport.groupBy({ by: ["teamId"], where: { teamId: { in: teamsWithUsage }, provider: "stripe" }, _min: { usageFrom: true } }),
    ]);
    const fixedFrom = new Map(notBilled.map((report) => [report.teamId, report.usageTo]));
    const reportedFrom = new Map(firstReported.map((row) => [row.teamId, row._min.usageFrom]));
    for (const sub of subscriptions) {
      const usage = usageOf.get(sub.teamId);
      if (!usage?.oldest || !usage.newest || !sub.stripeCustomerId) continue;
      let billedFrom = fixedFrom.get(sub.teamId) ?? firstBilledInstant(sub.currentPeriodStart, reportedFrom.get(sub.teamId));
      if (usage.oldest < billedFrom) billedFrom = await stampNotBilledUsage(sub.teamId, sub.stripeCustomerId, billedFrom, now);
      if (usage.newest < billedFrom) continue;
      const target: BatchTarget = {
        teamId: sub.teamId,
        customerRef: sub.stripeCustomerId,
        eventName,
        billedFrom,
        period: { start: sub.currentPeriodStart, end: sub.currentPeriodEnd },
      };
      for (;;) {
        if (result.reports >= limits.maxReportsPerRun) return result;
        const claimed = await claimBatch(target, limits);
        if (!claimed) break;
        result.reports += 1;
        result.tokens += claimed.tokens;
        result.events += claimed.events;
        if (!claimed.more) break;
      }
    }
    if (subscriptions.length < TEAM_PAGE) return result;
    cursor = subscriptions[subscriptions.length - 1]?.teamId;
  }
}

/**
 * The meter event's time: the last usage it carries, inside Stripe's window (not
 * older than 35 days, not in the future). Bounded by the report's creation rather
 * than the send time, so every retry of a report sends the same payload (the
 * Idempotency-Key requires it); within the retry window that stays inside
 * Stripe's window. A first send long after creation is bounded by the send time.
 */
export function meterEventTimestamp(report: { usageTo: Date; createdAt: Date }, now: Date): number {
  const floor = Math.max(report.createdAt.getTime() - 34 * DAY_MS, now.getTime() - 35 * DAY_MS + 3_600_000);
  const ceiling = Math.min(report.createdAt.getTime(), now.getTime());
  const at = Math.min(Math.max(report.usageTo.getTime(), floor), ceiling);
  return Math.floor(at / 1000);
}

/** The Idempotency-Key of a report's send: the same for every retry. */
export function meterIdempotencyKey(reportId: string): string {
  return `meter-report-${reportId}`;
}

/** A send failure as stored on the report: one line, no credentials. */
function safeError(error: unknown, config: StripeConfig): string {
  return describeError(error).split(config.secretKey).join("***").split(config.webhookSecret).join("***").slice(0, 500);
}

/**
 * lastError of a report Stripe refused for good: the meter event was not
 * recorded, so its usage may be moved into a new report (reissueMeterReport).
 */
export const REJECTED_PREFIX = "Rejected by Stripe: ";
/** lastError of a rejected report whose usage moved into another report. */
export const REISSUED_PREFIX = "Reissued as ";

type SendFailure = "retry" | "rejected" | "refused";

/**
 * What a failed send means. A timeout, a 5xx, a rate limit (429) or an
 * idempotency conflict (409) may pass: retried with the same identifier. A 400
 * or 404 (an unknown customer or meter, a bad value) fails the same way every
 * time: "rejected", not recorded by Stripe. One about the identifier itself
 * (Stripe enforces its uniqueness) may mean an earlier try was recorded after
 * all: "refused", FAILED but not reissued.
 */
function classifySendFailure(error: unknown): SendFailure {
  if (!isStripeError(error) || (error.statusCode !== 400 && error.statusCode !== 404)) return "retry";
  return /identifier|duplicate/i.test(`${error.code ?? ""} ${error.param ?? ""} ${error.message}`) ? "refused" : "rejected";
}

export type SendResult = { sent: number; retrying: number; failed: number };

/** Phase 2: sends PENDING reports (and FAILED ones still inside the retry window). */
export async function sendPendingMeterReports(config: StripeConfig, options: MeteringOptions = {}): Promise<SendResult> {
  const now = options.now ?? new Date();
  const limits = options.limits ?? METERING_LIMITS;
  const db = getBaseDb();
  const windowStart = new Date(now.getTime() - RETRY_WINDOW_MS);
  // A FAILED report inside the window is tried again, unless Stripe refused it for good (or it was reissued).
  const retriable = {
    status: "FAILED",
    createdAt: { gt: windowStart },
    OR: [{ lastError: null }, { AND: [{ NOT: { lastError: { startsWith: REJECTED_PREFIX } } }, { NOT: { lastError: { startsWith: REISSUED_PREFIX } } }] }],
  } satisfies Prisma.MeterReportWhereInput;
  const due = await db.meterReport.findMany({
    where: {
      provider: "stripe",
      OR: [{ status: "PENDING" }, retriable],
      ...(options.teamIds ? { teamId: { in: [...options.teamIds] } } : {}),
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: limits.maxSendsPerRun,
    select: { id: true, status: true, customerRef: true, eventName: true, tokens: true, usageTo: true, createdAt: true, attempts: true },
  });
  const result: SendResult = { sent: 0, retrying: 0, failed: 0 };
  const stripe = stripeClient(config);
  for (const report of due) {
    if (options.signal?.aborted) break;
    const expired = report.createdAt <= windowStart;
    if (expired && report.attempts > 0) {
      // Tried before and Stripe's deduplication may have lapsed: a resend could double count.
      await db.meterReport.updateMany({ where: { id: report.id, status: { not: "SENT" } }, data: { status: "FAILED" } });
      result.failed += 1;
      continue;
    }
    try {
      await stripe.billing.meterEvents.create(
        {
          event_name: report.eventName,
          payload: { stripe_customer_id: report.customerRef, value: String(report.tokens) },
          identifier: report.id,
          timestamp: meterEventTimestamp(report, now),
        },
        { idempotencyKey: meterIdempotencyKey(report.id) },
      );
      await db.meterReport.updateMany({
        where: { id: report.id, status: { not: "SENT" } },
        data: { status: "SENT", sentAt: now, lastError: null, attempts: { increment: 1 } },
      });
      result.sent += 1;
    } catch (error) {
      // Stays PENDING (same identifier next time); FAILED once the retry window is over, or at once when refused for good.
      const failure = classifySendFailure(error);
      const givesUp = failure !== "retry" || expired || now.getTime() - report.createdAt.getTime() >= RETRY_WINDOW_MS;
      const status = givesUp || report.status === "FAILED" ? "FAILED" : "PENDING";
      const lastError = (failure === "rejected" ? REJECTED_PREFIX : "") + safeError(error, config);
      await db.meterReport.updateMany({
        where: { id: report.id, status: { not: "SENT" } },
        data: { status, attempts: { increment: 1 }, lastError },
      });
      if (status === "FAILED") result.failed += 1;
      else result.retrying += 1;
      console.error(`[billing] meter report ${report.id} not sent (attempt ${report.attempts + 1}): ${safeError(error, config)}`);
    }
  }
  return result;
}

export type ReportUsageMetersResult = { configured: false } | ({ configured: true; batch: BatchResult } & SendResult);

/** Both phases; without Stripe configured there is no meter to report to, and nothing happens. */
export async function reportUsageMeters(options: MeteringOptions = {}): Promise<ReportUsageMetersResult> {
  const config = billingConfig();
  if (config.provider !== "stripe") return { configured: false };
  const batch = await batchUsageIntoReports(config.stripe.meterEventName, options);
  const send = await sendPendingMeterReports(config.stripe, options);
  return { configured: true, batch, ...send };
}

const ZReportId = z.string().min(1).max(64);

export type ReissueResult = { reportId: string; tokens: number; events: number };

/**
 * For an operator, once the cause of a rejection is fixed (the customer, the
 * meter): moves the usage of a report Stripe rejected into a new PENDING report
 * — a new identifier, which the next run sends to the team's current customer
 * and the configured meter. Only a rejected report: one that failed otherwise
 * may have been recorded by Stripe, and a new identifier would count it twice.
 * Once only: the old report is marked as reissued in the same transaction.
 */
export async function reissueMeterReport(reportId: string): Promise<ReissueResult> {
  const id = ZReportId.safeParse(reportId);
  if (!id.success) throw new NotFoundError("Meter report");
  const config = billingConfig();
  const db = getBaseDb();
  return db.$transaction(async (tx) => {
    const old = await tx.meterReport.findUnique({
      where: { id: id.data },
      select: { id: true, teamId: true, provider: true, status: true, customerRef: true, eventName: true, usageFrom: true, usageTo: true, tokens: true, lastError: true },
    });
    if (!old) throw new NotFoundError("Meter report");
    if (old.provider !== "stripe" || old.status !== "FAILED" || !old.lastError?.startsWith(REJECTED_PREFIX)) {
      throw new ConflictError("Only a meter report that Stripe rejected can be reissued: this one may have been counted.");
    }
    const subscription = await tx.subscription.findUnique({ where: { teamId: old.teamId }, select: { stripeCustomerId: true } });
    const fresh = await tx.meterReport.create({
      data: {
        teamId: old.teamId,
        provider: "stripe",
        customerRef: subscription?.stripeCustomerId ?? old.customerRef,
        eventName: config.provider === "stripe" ? config.stripe.meterEventName : old.eventName,
        tokens: old.tokens,
        usageFrom: old.usageFrom,
        usageTo: old.usageTo,
        status: "PENDING",
      },
      select: { id: true },
    });
    // The claim: a concurrent reissue waits on this row and then finds it reissued.
    const claimed = await tx.meterReport.updateMany({
      where: { id: old.id, status: "FAILED", lastError: { startsWith: REJECTED_PREFIX } },
      data: { lastError: `${REISSUED_PREFIX}${fresh.id}; ${old.lastError}`.slice(0, 1_000) },
    });
    if (claimed.count === 0) throw new ConflictError("This meter report was reissued already.");
    const moved = await tx.aiUsageEvent.updateMany({ where: { meterReportId: old.id }, data: { meterReportId: fresh.id } });
    if (moved.count === 0) throw new ConflictError("This meter report carries no usage any more.");
    const carried = await tx.aiUsageEvent.aggregate({
      where: { meterReportId: fresh.id },
      _sum: { inputTokens: true, outputTokens: true },
      _min: { createdAt: true },
      _max: { createdAt: true },
    });
    const tokens = (carried._sum.inputTokens ?? 0) + (carried._sum.outputTokens ?? 0);
    await tx.meterReport.update({
      where: { id: fresh.id },
      data: { tokens, usageFrom: carried._min.createdAt ?? old.usageFrom, usageTo: carried._max.createdAt ?? old.usageTo },
      select: { id: true },
    });
    console.warn(`[billing] meter report ${old.id} (team ${old.teamId}) reissued as ${fresh.id}`);
    return { reportId: fresh.id, tokens, events: moved.count };
  });
}
