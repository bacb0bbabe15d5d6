import { msg } from "@/lib/message";
import { overageCents, planById, type Plan } from "@/lib/plans";
import { getBaseDb } from "@/server/db/client";
import type { Prisma } from "@/server/db/generated/client";
import { DomainError, NotFoundError } from "@/server/errors";
import { currentPeriod, getSubscription } from "@/server/services/billing/subscriptions";

/**
 * The team's AI allowance in its billing period (the subscription's period, not
 * the calendar month: a Stripe subscription renews on its own anchor day).
 *
 *   allowance  the plan's aiTokensPerMonth: included in the plan's fee
 *   overage    tokens beyond the allowance, billed per 1,000 (overageCents)
 *   cap        min(Team.aiMonthlyTokenLimit ?? ∞, allowance + plan.maxOverageTokensPerMonth):
 *              past it, metered AI calls are refused until the period renews
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
};

export function isMetered(provider: string): boolean {
  return provider !== "local";
}

/** AiUsageEvent rows whose tokens count against the allowance and are billed. */
export const METERED_USAGE = { provider: { not: "local" } } as const satisfies Prisma.AiUsageEventWhereInput;

/** The hard cap of a period: the owner's own limit when it is lower than what the plan allows. */
export function capTokensOf(plan: Pick<Plan, "aiTokensPerMonth" | "maxOverageTokensPerMonth">, teamLimit: number | null): number {
  const planCap = plan.aiTokensPerMonth + plan.maxOverageTokensPerMonth;
  return teamLimit === null ? planCap : Math.max(0, Math.min(teamLimit, planCap));
}

export function quotaOf(input: { plan: Plan; teamLimit: number | null; usedTokens: number; period: { start: Date; end: Date } }): AiQuota {
  const { plan, usedTokens } = input;
  const allowance = plan.aiTokensPerMonth;
  return {
    periodStart: input.period.start,
    periodEnd: input.period.end,
    usedTokens,
    allowanceTokens: allowance,
    capTokens: capTokensOf(plan, input.teamLimit),
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
  return { quota: quotaOf({ plan, teamLimit: team.aiMonthlyTokenLimit, usedTokens, period }), plan };
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
