import { msg } from "@/lib/message";
import { planForTier } from "@/lib/plans";
import { getBaseDb } from "@/server/db/client";
import { DomainError, NotFoundError } from "@/server/errors";
import type { AiProviderId } from "./types";

/**
 * The team's monthly AI allowance: tokens (input + output) used this calendar
 * month (UTC) against Team.aiMonthlyTokenLimit, or the plan's allowance when the
 * team has no limit of its own. Only metered providers count: the local provider
 * calls no model, costs nothing and is never refused.
 */
export type AiQuota = {
  used: number;
  limit: number;
  remaining: number;
  periodStart: Date;
  /** The first instant of next month (UTC): when `used` starts again from zero. */
  resetsAt: Date;
};

export function isMetered(provider: AiProviderId): boolean {
  return provider !== "local";
}

export function monthWindowUtc(now: Date): { start: Date; end: Date } {
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const end = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
  return { start, end };
}

export async function getAiQuota(teamId: string, now: Date = new Date()): Promise<AiQuota> {
  const db = getBaseDb();
  const team = await db.team.findUnique({ where: { id: teamId }, select: { tier: true, aiMonthlyTokenLimit: true } });
  if (!team) throw new NotFoundError("Team");
  const { start, end } = monthWindowUtc(now);
  const sums = await db.aiUsageEvent.aggregate({
    where: { teamId, createdAt: { gte: start, lt: end }, provider: { not: "local" } },
    _sum: { inputTokens: true, outputTokens: true },
  });
  const used = (sums._sum.inputTokens ?? 0) + (sums._sum.outputTokens ?? 0);
  const limit = team.aiMonthlyTokenLimit ?? planForTier(team.tier).aiTokensPerMonth;
  return { used, limit, remaining: Math.max(0, limit - used), periodStart: start, resetsAt: end };
}

/** Throws QUOTA_EXCEEDED (with the limit and the reset date) when the allowance is used up. */
export async function assertWithinAiQuota(teamId: string, now: Date = new Date()): Promise<AiQuota> {
  const quota = await getAiQuota(teamId, now);
  if (quota.used >= quota.limit) {
    const resets = quota.resetsAt.toISOString().slice(0, 10);
    throw new DomainError(
      "QUOTA_EXCEEDED",
      msg`Your team has used its AI allowance for this month (${formatCount(quota.used)} of ${formatCount(quota.limit)} tokens). It resets on ${resets} (UTC); an owner can raise the limit or upgrade the plan.`,
    );
  }
  return quota;
}

function formatCount(value: number): string {
  return value.toLocaleString("en-US");
}
