import { overageCents, planById } from "@/lib/plans";
import { getBaseDb } from "../../db/client";
import type { Prisma } from "../../db/generated/client";
import { meteredTokens, METERED_USAGE } from "../ai/quota";
import { applySubscriptionChange, currentPeriod, mrrCentsOf, subscriptionSelect } from "./subscriptions";

/**
 * The local provider's month end. Stripe invoices its teams itself (the fixed fee
 * plus the metered overage reported by ./metering.ts); a team on the embedded
 * local provider gets the same from here, on Stripe's terms: when its period has
 * ended, one paid local invoice — the fixed fee in advance for the period that
 * starts (none when the subscription ends) plus the overage of the ended
 * period's metered tokens in arrears — then the period advances, or a
 * subscription set to cancel at the period's end is ended. (An upgrade during a
 * period is charged its prorated difference at once by the local provider.)
 *
 * All in one transaction, on the locked subscription row, so a re-run (or two
 * runs at once) adds nothing: the invoice's externalId is unique per team and
 * period, and a period already advanced is not closed again.
 */

/** Usage recorded in the last moments of a period has arrived before it is closed. */
export const PERIOD_CLOSE_GRACE_MS = 10 * 60_000;
const PAGE = 500;

export function localPeriodInvoiceId(teamId: string, periodStart: Date): string {
  return `local_period_${teamId}_${periodStart.toISOString()}`;
}

export type PeriodCloseResult =
  | { status: "closed"; invoiceExternalId: string; amountDueCents: number; feeCents: number; overageCents: number; tokens: number; churned: boolean }
  | { status: "skipped"; reason: "no-subscription" | "not-local" | "already-closed" | "canceled" | "not-due" };

/**
 * The period's metered usage not carried by a report yet, stamped with one local
 * report (never sent anywhere): it was invoiced here, so a later switch of the
 * team to Stripe does not bill it again through the meter.
 */
async function stampInvoicedUsage(tx: Prisma.TransactionClient, teamId: string, period: { start: Date; end: Date }, now: Date): Promise<void> {
  const report = await tx.meterReport.create({
    data: { teamId, provider: "local", customerRef: teamId, eventName: "local_period", tokens: 0, usageFrom: period.start, usageTo: period.end, status: "SENT", sentAt: now },
    select: { id: true },
  });
  const stamped = await tx.aiUsageEvent.updateMany({
    where: { teamId, meterReportId: null, createdAt: { gte: period.start, lt: period.end }, ...METERED_USAGE },
    data: { meterReportId: report.id },
  });
  if (stamped.count === 0) {
    await tx.meterReport.delete({ where: { id: report.id }, select: { id: true } });
    return;
  }
  const carried = await tx.aiUsageEvent.aggregate({ where: { meterReportId: report.id }, _sum: { inputTokens: true, outputTokens: true } });
  const tokens = (carried._sum.inputTokens ?? 0) + (carried._sum.outputTokens ?? 0);
  await tx.meterReport.update({ where: { id: report.id }, data: { tokens }, select: { id: true } });
}

export type PeriodCloseOptions = {
  /**
   * Close as soon as the period has ended, without waiting PERIOD_CLOSE_GRACE_MS:
   * a plan change right after the end must first settle the ended period.
   */
  skipGrace?: boolean;
};

export async function closeLocalBillingPeriod(teamId: string, periodStart: Date, now: Date = new Date(), options: PeriodCloseOptions = {}): Promise<PeriodCloseResult> {
  return getBaseDb().$transaction((tx) => closePeriodIn(tx, teamId, periodStart, now, options));
}

/** Most periods one change closes (a team nobody billed for years is an operator's case). */
const MAX_OVERDUE_CLOSES = 36;

/**
 * Closes every local period of the team that ended by `now` (no grace), inside
 * the caller's transaction, which holds the subscription row. A local plan
 * change, cancel or resume runs this first: applied to a period that already
 * ended, the change would roll the period forward, and the close job would then
 * find it "already closed" — the ended period's overage and the next fee never
 * invoiced. Returns the closes made.
 */
export async function closeOverdueLocalPeriods(tx: Prisma.TransactionClient, teamId: string, now: Date): Promise<PeriodCloseResult[]> {
  const closed: PeriodCloseResult[] = [];
  for (let i = 0; i < MAX_OVERDUE_CLOSES; i += 1) {
    const sub = await tx.subscription.findUnique({ where: { teamId }, select: { provider: true, status: true, currentPeriodStart: true, currentPeriodEnd: true } });
    if (!sub || sub.provider !== "local" || sub.status === "CANCELED" || sub.currentPeriodEnd > now) break;
    const result = await closePeriodIn(tx, teamId, sub.currentPeriodStart, now, { skipGrace: true });
    if (result.status !== "closed") break;
    closed.push(result);
  }
  return closed;
}

async function closePeriodIn(tx: Prisma.TransactionClient, teamId: string, periodStart: Date, now: Date, options: PeriodCloseOptions): Promise<PeriodCloseResult> {
  // Serializes with plan changes and other runs: the row lock lasts to the end of the transaction.
  const locked = await tx.subscription.updateMany({ where: { teamId }, data: { teamId } });
  if (locked.count === 0) return { status: "skipped", reason: "no-subscription" };
  const sub = await tx.subscription.findUniqueOrThrow({ where: { teamId }, select: subscriptionSelect });
  if (sub.provider !== "local") return { status: "skipped", reason: "not-local" };
  if (sub.currentPeriodStart.getTime() !== periodStart.getTime()) return { status: "skipped", reason: "already-closed" };
  if (sub.status === "CANCELED") return { status: "skipped", reason: "canceled" };
  const grace = options.skipGrace ? 0 : PERIOD_CLOSE_GRACE_MS;
  if (sub.currentPeriodEnd.getTime() > now.getTime() - grace) return { status: "skipped", reason: "not-due" };

  const period = { start: sub.currentPeriodStart, end: sub.currentPeriodEnd };
  const plan = planById(sub.planId);
  const tokens = await meteredTokens(teamId, period.start, period.end, tx);
  // The next period's fee, in advance, for a subscription that brings revenue and
  // goes on (a trial, an unpaid or an ending one pays none); overage in arrears.
  const feeCents = sub.cancelAtPeriodEnd ? 0 : mrrCentsOf(sub.planId, sub.status);
  const overage = overageCents(plan, tokens);
  const amountDueCents = feeCents + overage;
  const invoiceExternalId = localPeriodInvoiceId(teamId, period.start);
  const month = period.start.toISOString().slice(0, 7).replace("-", "");
  const inserted = amountDueCents === 0 ? { count: 0 } : await tx.billingInvoice.createMany({
    data: [
      {
        teamId,
        provider: "local",
        externalId: invoiceExternalId,
        number: `LOCAL-${month}-P${teamId.slice(-6).toUpperCase()}`,
        // The local provider has no card to charge: the invoice records what Stripe would have collected.
        status: "paid",
        currency: "usd",
        amountDueCents,
        amountPaidCents: amountDueCents,
        periodStart: period.start,
        periodEnd: period.end,
        issuedAt: period.end,
        paidAt: now,
      },
    ],
    skipDuplicates: true,
  });
  // Usage of the period is stamped as invoiced here (an ending period without overage has none to stamp).
  if (inserted.count === 1 || amountDueCents === 0) await stampInvoicedUsage(tx, teamId, period, now);

  let churned = false;
  if (sub.cancelAtPeriodEnd) {
    // The ledger records the churn when the period ended (or later, if the stored state is newer).
    const stateAt = new Date(Math.max(period.end.getTime(), sub.stateAt.getTime()));
    const change = await applySubscriptionChange(
      {
        teamId,
        planId: plan.id,
        status: "CANCELED",
        provider: "local",
        currentPeriodStart: period.start,
        currentPeriodEnd: period.end,
        cancelAtPeriodEnd: false,
        canceledAt: sub.canceledAt ?? period.end,
        stateAt,
        sourceKey: `local:period-end:${teamId}:${period.start.toISOString()}`,
      },
      tx,
    );
    churned = change.applied;
  } else {
    // Same plan and status: only the period moves on, so revenue does not change.
    const next = currentPeriod(sub, period.end);
    await tx.subscription.update({ where: { teamId }, data: { currentPeriodStart: next.start, currentPeriodEnd: next.end }, select: { teamId: true } });
  }
  return { status: "closed", invoiceExternalId, amountDueCents, feeCents, overageCents: overage, tokens, churned };
}

/** Local subscriptions whose stored period ended (plus the grace) and is not closed yet. */
export async function dueLocalPeriodCloses(now: Date): Promise<Array<{ teamId: string; periodStart: Date }>> {
  const due: Array<{ teamId: string; periodStart: Date }> = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await getBaseDb().subscription.findMany({
      where: { provider: "local", status: { not: "CANCELED" }, currentPeriodEnd: { lte: new Date(now.getTime() - PERIOD_CLOSE_GRACE_MS) } },
      orderBy: { teamId: "asc" },
      take: PAGE,
      ...(cursor ? { cursor: { teamId: cursor }, skip: 1 } : {}),
      select: { teamId: true, currentPeriodStart: true },
    });
    due.push(...page.map((sub) => ({ teamId: sub.teamId, periodStart: sub.currentPeriodStart })));
    if (page.length < PAGE) return due;
    cursor = page[page.length - 1]?.teamId;
  }
}
