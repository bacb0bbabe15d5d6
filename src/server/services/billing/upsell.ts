import type { Plan } from "@/lib/plans";
import { getBaseDb } from "../../db/client";
import { loadAiQuota, type AiQuota } from "../ai/quota";
import { notifyTeamRoles } from "../notifications/notify";

/**
 * Upsell prompts as AI usage grows within a billing period: at 80% of the plan's
 * allowance, at 100% (overage billing starts) and at the cap (AI calls are
 * refused). Each is sent at most once per team and period: its BillingNotice key
 * is claimed (insert-or-skip) before the notification goes out, so concurrent
 * calls and retries never send it twice.
 *
 * When one call passes several thresholds at once, every one of them is claimed
 * but only the most severe is sent: "your allowance is used up" makes "80% used"
 * old news.
 */
export type UsageThreshold = "80" | "100" | "cap";

const ORDER: readonly UsageThreshold[] = ["80", "100", "cap"];

/** The thresholds the period's usage has reached, mildest first. */
export function reachedThresholds(quota: Pick<AiQuota, "usedTokens" | "allowanceTokens" | "capTokens">): UsageThreshold[] {
  const { usedTokens: used, allowanceTokens: allowance, capTokens: cap } = quota;
  const reached: UsageThreshold[] = [];
  // A warning only makes sense below the cap: an owner limit under 80% of the
  // allowance goes straight to the cap notice.
  if (used * 5 >= allowance * 4 && allowance * 4 < cap * 5) reached.push("80");
  if (used >= allowance && allowance < cap) reached.push("100");
  if (used >= cap) reached.push("cap");
  return reached;
}

export function usageNoticeKey(threshold: UsageThreshold, teamId: string, periodStart: Date): string {
  return `usage:${threshold}:${teamId}:${periodStart.toISOString()}`;
}

const count = (value: number) => value.toLocaleString("en-US");
const day = (date: Date) => date.toISOString().slice(0, 10);
const perThousand = (plan: Plan) => `$${(plan.overageCentsPer1kTokens / 100).toFixed(2)}`;

/** The notification's words. Stored as written (like every notification), in English. */
export function usageNoticeDraft(threshold: UsageThreshold, quota: AiQuota, plan: Plan): { title: string; body: string } {
  switch (threshold) {
    case "80":
      return {
        title: "Your team has used 80% of its AI allowance",
        body:
          `${count(quota.usedTokens)} of the ${count(quota.allowanceTokens)} AI tokens included in the ${plan.name} plan are used ` +
          `in this billing period (until ${day(quota.periodEnd)}). Beyond the allowance, AI use is billed at ${perThousand(plan)} per 1,000 tokens; ` +
          `a bigger plan includes more.`,
      };
    case "100":
      return {
        title: "Your team's AI allowance is used up: overage billing has started",
        body:
          `All ${count(quota.allowanceTokens)} AI tokens included in the ${plan.name} plan are used. Until ${day(quota.periodEnd)}, further AI use ` +
          `is billed at ${perThousand(plan)} per 1,000 tokens, up to ${count(quota.capTokens)} tokens. Upgrade the plan for a larger allowance.`,
      };
    case "cap":
      return {
        title: "AI features are paused: your team reached its usage cap",
        body:
          `Your team has used ${count(quota.usedTokens)} of the ${count(quota.capTokens)} AI tokens allowed in this billing period, so AI ` +
          `features are paused until ${day(quota.periodEnd)} (UTC). Upgrade the plan or raise the limit in Billing settings to continue now.`,
      };
  }
}

/** Claims a notice key; true when this call claimed it (it did not exist yet). */
async function claimNotice(key: string, teamId: string, threshold: UsageThreshold): Promise<boolean> {
  const created = await getBaseDb().billingNotice.createMany({ data: [{ key, teamId, kind: `usage:${threshold}` }], skipDuplicates: true });
  return created.count === 1;
}

/**
 * Checks the team's usage at `now` and sends the notices newly reached. Returns
 * the thresholds this call claimed (empty when there was nothing new). `loaded`
 * is the quota the caller already has (BillingService counts on from its check),
 * so the period is not summed again.
 */
export async function sendUsageNotices(teamId: string, now: Date = new Date(), loaded?: { quota: AiQuota; plan: Plan }): Promise<UsageThreshold[]> {
  const { quota, plan } = loaded ?? (await loadAiQuota(teamId, now));
  const reached = reachedThresholds(quota).map((threshold) => ({ threshold, key: usageNoticeKey(threshold, teamId, quota.periodStart) }));
  if (reached.length === 0) return [];
  // Past a threshold every call gets here: one read skips the notices already sent.
  const sent = await getBaseDb().billingNotice.findMany({ where: { key: { in: reached.map((r) => r.key) } }, select: { key: true } });
  const sentKeys = new Set(sent.map((notice) => notice.key));
  const claimed: UsageThreshold[] = [];
  for (const { threshold, key } of reached) {
    if (!sentKeys.has(key) && (await claimNotice(key, teamId, threshold))) claimed.push(threshold);
  }
  const mostSevere = [...claimed].sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b)).at(-1);
  if (mostSevere) {
    await notifyTeamRoles(teamId, ["OWNER", "ADMIN"], { type: "billing.usage", ...usageNoticeDraft(mostSevere, quota, plan), link: "/settings/billing" });
  }
  return claimed;
}
