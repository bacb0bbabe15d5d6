import { msg } from "@/lib/message";
import { overageCents, planById, type Plan } from "@/lib/plans";
import { getBaseDb } from "@/server/db/client";
import type { Prisma, SubscriptionStatus } from "@/server/db/generated/client";
import { DomainError, NotFoundError } from "@/server/errors";
import { currentPeriod, getSubscription } from "@/server/services/billing/subscriptions";

/**
 * The team's AI allowance in its billing period (the subscription's period, not
 * the calendar month: a Stripe subscription renews on its own anchor day).
 *
 *   allowance  the plan's aiTokensPerMonth: included in the plan's fee
 *   overage    tokens beyond the allowance, billed per 1,000 (overageCents)
 *   cap        min(Team.aiMonthlyTokenLimit ?? ∞, allowance + plan.maxOverageTokensPerMonth):
 *              past it, metered AI calls are refused until the period renews.
 *              A subscription that pays nothing (canceled, unpaid, incomplete) has
 *              no overage: nobody would be billed for it, so its cap is the allowance.
 *
 * Only metered providers count: the local provider calls no model, costs nothing
 * and is never refused. Usage is counted from AiUsageEvent (tokens as billed,
 * failed replies included), the same rows the billing meter reports.
 */
export type AiQuota = {
  periodStart: Date;
  periodEnd: Date;
  usedTokens: number;
  allowanceTokens: number;
  capTokens: number;
  overageTokens: number;
  overageCents: number;
  /** usedTokens / allowanceTokens in percent, one decimal, rounded down; may pass 100. */
  percentOfAllowance: number;
  /** False when the subscription pays nothing (ended, unpaid): no overage, the cap is the allowance. */
  subscriptionPaying: boolean;
};

/** Statuses whose overage is billed: a past-due subscription is still being collected. */
const PAYING_STATUSES: ReadonlySet<SubscriptionStatus> = new Set(["ACTIVE", "TRIALING", "PAST_DUE"]);

export function subscriptionPays(status: SubscriptionStatus): boolean {
  return PAYING_STATUSES.has(status);
}

export function isMetered(provider: string): boolean {
  return provider !== "local";
}

/** AiUsageEvent rows whose tokens count against the allowance and are billed. */
export const METERED_USAGE = { provider: { not: "local" } } as const satisfies Prisma.AiUsageEventWhereInput;

/**
 * The hard cap of a period: the owner's own limit when it is lower than what the
 * plan allows; without a paying subscription the plan allows its allowance only.
 */
export function capTokensOf(plan: Pick<Plan, "aiTokensPerMonth" | "maxOverageTokensPerMonth">, teamLimit: number | null, paying = true): number {
  const planCap = plan.aiTokensPerMonth + (paying ? plan.maxOverageTokensPerMonth : 0);
  return teamLimit === null ? planCap : Math.max(0, Math.min(teamLimit, planCap));
}

export function quotaOf(input: { plan: Plan; teamLimit: number | null; usedTokens: number; period: { start: Date; end: Date }; paying?: boolean }): AiQuota {
  const paying = input.paying ?? true;
  return withUsedTokens(
    {
      periodStart: input.period.start,
      periodEnd: input.period.end,
      usedTokens: 0,
      allowanceTokens: input.plan.aiTokensPerMonth,
      capTokens: capTokensOf(input.plan, input.teamLimit, paying),
      overageTokens: 0,
      overageCents: 0,
      percentOfAllowance: 0,
      subscriptionPaying: paying,
    },
    input.plan,
    input.usedTokens,
  );
}

/** The same period, plan and cap with another usage (billing counts on from a checked quota). */
export function withUsedTokens(quota: AiQuota, plan: Plan, usedTokens: number): AiQuota {
  const allowance = quota.allowanceTokens;
  return {
    ...quota,
    usedTokens,
    overageTokens: Math.max(0, usedTokens - allowance),
    overageCents: overageCents(plan, usedTokens),
    percentOfAllowance: allowance > 0 ? Math.floor((usedTokens * 1000) / allowance) / 10 : usedTokens > 0 ? 100 : 0,
  };
}

type UsageReader = Pick<Prisma.TransactionClient, "aiUsageEvent">;

/** Metered tokens (input + output) of the team's calls in [from, to). */
export async function meteredTokens(teamId: string, from: Date, to: Date, db: UsageReader = getBaseDb()): Promise<number> {
  const sums = await db.aiUsageEvent.aggregate({
    where: { teamId, createdAt: { gte: from, lt: to }, ...METERED_USAGE },
    _sum: { inputTokens: true, outputTokens: true },
  });
  return (sums._sum.inputTokens ?? 0) + (sums._sum.outputTokens ?? 0);
}

/** The quota and the plan it comes from (the upsell notices quote the plan). */
export async function loadAiQuota(teamId: string, now: Date = new Date()): Promise<{ quota: AiQuota; plan: Plan }> {
  const [team, subscription] = await Promise.all([
    getBaseDb().team.findUnique({ where: { id: teamId }, select: { aiMonthlyTokenLimit: true } }),
    getSubscription(teamId, now),
  ]);
  if (!team) throw new NotFoundError("Team");
  const plan = planById(subscription.planId);
  const period = currentPeriod(subscription, now);
  const usedTokens = await meteredTokens(teamId, period.start, period.end);
  return { quota: quotaOf({ plan, teamLimit: team.aiMonthlyTokenLimit, usedTokens, period, paying: subscriptionPays(subscription.status) }), plan };
}

export async function getAiQuota(teamId: string, now: Date = new Date()): Promise<AiQuota> {
  return (await loadAiQuota(teamId, now)).quota;
}

export function isOverCap(quota: Pick<AiQuota, "usedTokens" | "capTokens">): boolean {
  return quota.usedTokens >= quota.capTokens;
}

/** QUOTA_EXCEEDED naming what was used, the cap, when it resets and what the team can do. */
export function quotaExceededError(quota: AiQuota): DomainError {
  const resets = quota.periodEnd.toISOString().slice(0, 10);
  if (!quota.subscriptionPaying) {
    // No overage without a paying subscription: a bigger limit would not help, a plan does.
    return new DomainError(
      "QUOTA_EXCEEDED",
      msg`Your team's subscription has ended, so AI use is limited to the plan's included tokens, without overage: ${formatCount(quota.usedTokens)} of ${formatCount(quota.capTokens)} tokens are used in this billing period (it resets on ${resets}, UTC). To continue now, choose a plan in Billing settings.`,
    );
  }
  return new DomainError(
    "QUOTA_EXCEEDED",
    msg`Your team has reached its AI usage cap for this billing period (${formatCount(quota.usedTokens)} of ${formatCount(quota.capTokens)} tokens). It resets on ${resets} (UTC); to continue now, upgrade the plan or raise the limit in Billing settings.`,
  );
}

/** Throws QUOTA_EXCEEDED when the period's cap is reached; checked before a call, not reserved. */
export async function assertWithinAiQuota(teamId: string, now: Date = new Date()): Promise<AiQuota> {
  const quota = await getAiQuota(teamId, now);
  if (isOverCap(quota)) throw quotaExceededError(quota);
  return quota;
}

function formatCount(value: number): string {
  return value.toLocaleString("en-US");
}
