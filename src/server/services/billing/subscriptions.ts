import { DEFAULT_PLAN_ID, PLANS, planById, type Plan, type PlanId } from "@/lib/plans";
import { getBaseDb } from "../../db/client";
import type { Prisma, SubscriptionStatus } from "../../db/generated/client";
import { ConflictError, NotFoundError } from "../../errors";

/**
 * A team's subscription and the revenue ledger, in one place. Every change of
 * plan or status — a local plan change, a Stripe webhook, a cancellation — goes
 * through applySubscriptionChange, which updates the Subscription row and, when
 * the team's monthly recurring revenue changes, appends one RevenueEvent, in one
 * transaction. Analytics read only the ledger.
 *
 * The plan never moves a team's data: Team.tier changes only through the tier
 * migration engine.
 */
export type BillingProviderId = "local" | "stripe";

export const subscriptionSelect = {
  teamId: true,
  planId: true,
  status: true,
  provider: true,
  stripeCustomerId: true,
  stripeSubscriptionId: true,
  currentPeriodStart: true,
  currentPeriodEnd: true,
  cancelAtPeriodEnd: true,
  canceledAt: true,
  paymentMethodStatus: true,
  paymentMethodLabel: true,
  stateAt: true,
  failedPaymentCount: true,
  dunningInvoiceId: true,
  dunningInvoiceAt: true,
  nextPaymentAttemptAt: true,
  lastPaidInvoiceAt: true,
} as const satisfies Prisma.SubscriptionSelect;

export type SubscriptionRow = Prisma.SubscriptionGetPayload<{ select: typeof subscriptionSelect }>;

/** Statuses that bring revenue: a past-due subscription still counts until it is canceled or unpaid. */
const REVENUE_STATUSES: ReadonlySet<SubscriptionStatus> = new Set(["ACTIVE", "PAST_DUE"]);

export function mrrCentsOf(planId: string, status: SubscriptionStatus): number {
  return REVENUE_STATUSES.has(status) ? planById(planId).monthlyPriceCents : 0;
}

export type RevenueKind = "new" | "expansion" | "contraction" | "churn" | "reactivation";

export function revenueKind(previousMrr: number, nextMrr: number, hadRevenueBefore: boolean): RevenueKind | null {
  if (previousMrr === nextMrr) return null;
  if (previousMrr === 0) return hadRevenueBefore ? "reactivation" : "new";
  if (nextMrr === 0) return "churn";
  return nextMrr > previousMrr ? "expansion" : "contraction";
}

/** The calendar month (UTC) holding `now`: the first period of a new subscription. */
export function monthPeriod(now: Date): { start: Date; end: Date } {
  return {
    start: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)),
    end: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)),
  };
}

function addMonthsUtc(date: Date, months: number): Date {
  const result = new Date(date);
  const day = result.getUTCDate();
  result.setUTCDate(1);
  result.setUTCMonth(result.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(result.getUTCFullYear(), result.getUTCMonth() + 1, 0)).getUTCDate();
  result.setUTCDate(Math.min(day, lastDay));
  return result;
}

/**
 * The billing period holding `now`. The stored period is the provider's; when it
 * has passed and no renewal was recorded yet (the local provider renews by the
 * calendar, a Stripe webhook may be late), the period rolls forward by months
 * from the stored anchor.
 */
export function currentPeriod(sub: Pick<SubscriptionRow, "currentPeriodStart" | "currentPeriodEnd">, now: Date): { start: Date; end: Date } {
  if (now < sub.currentPeriodEnd && now >= sub.currentPeriodStart) return { start: sub.currentPeriodStart, end: sub.currentPeriodEnd };
  if (now < sub.currentPeriodStart) return monthPeriod(now);
  let start = sub.currentPeriodEnd;
  let end = addMonthsUtc(start, 1);
  for (let i = 0; i < 1200 && end <= now; i += 1) {
    start = end;
    end = addMonthsUtc(start, 1);
  }
  return { start, end };
}

/** Creates the Starter subscription of a new team (and its "new" ledger row) in the team's creation transaction. */
export async function createInitialSubscription(tx: Prisma.TransactionClient, teamId: string, now: Date = new Date()): Promise<void> {
  const period = monthPeriod(now);
  const plan = PLANS[DEFAULT_PLAN_ID];
  await tx.subscription.create({
    data: { teamId, planId: plan.id, status: "ACTIVE", provider: "local", currentPeriodStart: period.start, currentPeriodEnd: period.end, stateAt: now },
    select: { teamId: true },
  });
  await tx.revenueEvent.create({
    data: { teamId, kind: "new", planId: plan.id, previousPlanId: null, mrrCents: plan.monthlyPriceCents, previousMrrCents: 0, occurredAt: now, sourceKey: `team:${teamId}` },
    select: { id: true },
  });
}

/** The team's subscription; a team created before billing existed gets its Starter subscription now. */
export async function getSubscription(teamId: string, now: Date = new Date()): Promise<SubscriptionRow> {
  const db = getBaseDb();
  const existing = await db.subscription.findUnique({ where: { teamId }, select: subscriptionSelect });
  if (existing) return existing;
  const team = await db.team.findUnique({ where: { id: teamId }, select: { id: true } });
  if (!team) throw new NotFoundError("Team");
  try {
    await db.$transaction((tx) => createInitialSubscription(tx, teamId, now));
  } catch (error) {
    // A concurrent request created it first (unique teamId / sourceKey): read theirs.
    if (!isUniqueViolation(error)) throw error;
  }
  const created = await db.subscription.findUnique({ where: { teamId }, select: subscriptionSelect });
  if (!created) throw new NotFoundError("Team");
  return created;
}

export async function planOfTeam(teamId: string): Promise<Plan> {
  return planById((await getSubscription(teamId)).planId);
}

/** The subscription whose Stripe customer this is, or null (an event for a customer we do not know). */
export async function findSubscriptionByStripeCustomer(customerId: string): Promise<SubscriptionRow | null> {
  return getBaseDb().subscription.findUnique({ where: { stripeCustomerId: customerId }, select: subscriptionSelect });
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && error.code === "P2002";
}

/**
 * How far along a subscription's life a status is. Stripe's timestamps are whole
 * seconds, so two events of one subscription can carry the same time (created as
 * INCOMPLETE, updated to ACTIVE): on a tie, a status never moves back.
 */
const STATUS_RANK: Readonly<Record<SubscriptionStatus, number>> = {
  INCOMPLETE: 0,
  TRIALING: 1,
  ACTIVE: 2,
  PAST_DUE: 3,
  UNPAID: 4,
  CANCELED: 5,
};

function isStale(current: Pick<SubscriptionRow, "stateAt" | "status" | "stripeSubscriptionId">, change: SubscriptionChange): boolean {
  if (current.stateAt.getTime() !== change.stateAt.getTime()) return current.stateAt > change.stateAt;
  // Same instant: only a change of the same subscription can be ordered by status.
  const sameSubscription = change.stripeSubscriptionId === undefined || change.stripeSubscriptionId === current.stripeSubscriptionId;
  return sameSubscription && STATUS_RANK[change.status] < STATUS_RANK[current.status];
}

export type SubscriptionChange = {
  teamId: string;
  planId: PlanId;
  status: SubscriptionStatus;
  provider: BillingProviderId;
  stripeCustomerId?: string | null;
  stripeSubscriptionId?: string | null;
  currentPeriodStart: Date;
  currentPeriodEnd: Date;
  cancelAtPeriodEnd?: boolean;
  canceledAt?: Date | null;
  /** The provider object's own time of this state (Stripe: the event's `created`; local: now). */
  stateAt: Date;
  /** One ledger row per source change (e.g. `stripe:evt_…`, `local:<uuid>`): a replay adds nothing. */
  sourceKey: string;
};

export type SubscriptionChangeResult =
  | { applied: true; subscription: SubscriptionRow; revenue: RevenueKind | null }
  /** The stored state is newer than this change (an event delivered late): nothing was written. */
  | { applied: false; reason: "stale"; subscription: SubscriptionRow };

/**
 * Applies a plan or status change: the Subscription row (only if the change is
 * not older than what is stored) and the revenue ledger, in one transaction.
 * Pass `tx` to join the caller's transaction.
 */
export async function applySubscriptionChange(change: SubscriptionChange, tx?: Prisma.TransactionClient): Promise<SubscriptionChangeResult> {
  if (!tx) return getBaseDb().$transaction((inner) => applySubscriptionChange(change, inner));
  // Serializes changes of one team: the row lock is held to the end of the transaction.
  const locked = await tx.subscription.updateMany({ where: { teamId: change.teamId }, data: { teamId: change.teamId } });
  if (locked.count === 0) {
    const team = await tx.team.findUnique({ where: { id: change.teamId }, select: { id: true } });
    if (!team) throw new NotFoundError("Team");
    // Created just before the change, so the change is newer than it (never a tie).
    await createInitialSubscription(tx, change.teamId, new Date(change.stateAt.getTime() - 1));
  }
  const current = await tx.subscription.findUniqueOrThrow({ where: { teamId: change.teamId }, select: subscriptionSelect });
  if (isStale(current, change)) return { applied: false, reason: "stale", subscription: current };

  const data = {
    planId: change.planId,
    status: change.status,
    provider: change.provider,
    currentPeriodStart: change.currentPeriodStart,
    currentPeriodEnd: change.currentPeriodEnd,
    stateAt: change.stateAt,
    ...(change.stripeCustomerId !== undefined ? { stripeCustomerId: change.stripeCustomerId } : {}),
    ...(change.stripeSubscriptionId !== undefined ? { stripeSubscriptionId: change.stripeSubscriptionId } : {}),
    ...(change.cancelAtPeriodEnd !== undefined ? { cancelAtPeriodEnd: change.cancelAtPeriodEnd } : {}),
    ...(change.canceledAt !== undefined ? { canceledAt: change.canceledAt } : {}),
  } satisfies Prisma.SubscriptionUpdateInput;
  let subscription: SubscriptionRow;
  try {
    subscription = await tx.subscription.update({ where: { teamId: change.teamId }, data, select: subscriptionSelect });
  } catch (error) {
    // stripeCustomerId / stripeSubscriptionId are unique: another team already has them.
    if (isUniqueViolation(error)) {
      throw new ConflictError("This billing account already belongs to another team.");
    }
    throw error;
  }

  const previousMrr = mrrCentsOf(current.planId, current.status);
  const nextMrr = mrrCentsOf(change.planId, change.status);
  const hadRevenue = previousMrr === 0 ? (await tx.revenueEvent.count({ where: { teamId: change.teamId, mrrCents: { gt: 0 } } })) > 0 : true;
  const kind = revenueKind(previousMrr, nextMrr, hadRevenue);
  if (kind) {
    await tx.revenueEvent.createMany({
      data: [
        {
          teamId: change.teamId,
          kind,
          planId: change.planId,
          previousPlanId: current.planId,
          mrrCents: nextMrr,
          previousMrrCents: previousMrr,
          occurredAt: change.stateAt,
          sourceKey: change.sourceKey,
        },
      ],
      skipDuplicates: true,
    });
  }
  return { applied: true, subscription, revenue: kind };
}
