import { getBaseDb } from "../../db/client";
import type { Prisma } from "../../db/generated/client";
import { describeError } from "../../log";
import { METERED_USAGE } from "../ai/quota";
import { billingConfig, type StripeConfig } from "./config";
import { stripeClient } from "./stripe-client";

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

export type MeteringOptions = {
  now?: Date;
  /** Stops sending between reports (the job's timeout or shutdown). */
  signal?: AbortSignal;
  limits?: MeteringLimits;
  /** Only these teams (an operator re-running one team, a test); all teams when unset. */
  teamIds?: readonly string[];
};

type BatchTarget = { teamId: string; customerRef: string; eventName: string };

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
      where: { teamId: target.teamId, ...UNREPORTED_USAGE },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: limits.maxEventsPerReport,
      select: { id: true, inputTokens: true, outputTokens: true, createdAt: true },
    });
    const chosen: typeof candidates = [];
    let tokens = 0;
    for (const event of candidates) {
      const eventTokens = event.inputTokens + event.outputTokens;
      if (chosen.length > 0 && tokens + eventTokens > limits.maxTokensPerReport) break;
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

/** Phase 1: unreported usage of every Stripe-billed team into PENDING reports (bounded per run). */
export async function batchUsageIntoReports(eventName: string, options: Pick<MeteringOptions, "limits" | "teamIds"> = {}): Promise<BatchResult> {
  const limits = options.limits ?? METERING_LIMITS;
  const db = getBaseDb();
  const result: BatchResult = { reports: 0, tokens: 0, events: 0 };
  let cursor: string | undefined;
  for (;;) {
    const subscriptions = await db.subscription.findMany({
      where: { provider: "stripe", stripeCustomerId: { not: null }, ...(options.teamIds ? { teamId: { in: [...options.teamIds] } } : {}) },
      orderBy: { teamId: "asc" },
      take: TEAM_PAGE,
      ...(cursor ? { cursor: { teamId: cursor }, skip: 1 } : {}),
      select: { teamId: true, stripeCustomerId: true },
    });
    if (subscriptions.length === 0) return result;
    // One query tells which of these teams have anything to report.
    const pending = await db.aiUsageEvent.groupBy({
      by: ["teamId"],
      where: { teamId: { in: subscriptions.map((sub) => sub.teamId) }, ...UNREPORTED_USAGE },
    });
    const withUsage = new Set(pending.map((row) => row.teamId));
    for (const sub of subscriptions) {
      if (!withUsage.has(sub.teamId) || !sub.stripeCustomerId) continue;
      const target = { teamId: sub.teamId, customerRef: sub.stripeCustomerId, eventName };
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

export type SendResult = { sent: number; retrying: number; failed: number };

/** Phase 2: sends PENDING reports (and FAILED ones still inside the retry window). */
export async function sendPendingMeterReports(config: StripeConfig, options: MeteringOptions = {}): Promise<SendResult> {
  const now = options.now ?? new Date();
  const limits = options.limits ?? METERING_LIMITS;
  const db = getBaseDb();
  const windowStart = new Date(now.getTime() - RETRY_WINDOW_MS);
  const due = await db.meterReport.findMany({
    where: {
      provider: "stripe",
      OR: [{ status: "PENDING" }, { status: "FAILED", createdAt: { gt: windowStart } }],
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
      // Stays PENDING (same identifier next time); FAILED once the retry window is over.
      const givesUp = expired || now.getTime() - report.createdAt.getTime() >= RETRY_WINDOW_MS;
      const status = givesUp || report.status === "FAILED" ? "FAILED" : "PENDING";
      await db.meterReport.updateMany({
        where: { id: report.id, status: { not: "SENT" } },
        data: { status, attempts: { increment: 1 }, lastError: safeError(error, config) },
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
