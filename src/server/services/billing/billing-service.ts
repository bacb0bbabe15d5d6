import type { Plan } from "@/lib/plans";
import { describeError } from "../../log";
import { getAiQuota, isMetered, isOverCap, loadAiQuota, quotaExceededError, withUsedTokens, type AiQuota } from "../ai/quota";
import { recordAiUsage, type AiUsageRecord } from "../ai/usage";
import { sendUsageNotices } from "./upsell";

/**
 * Usage billing as the rest of the app sees it. The AI gateway calls checkQuota
 * before and trackUsage after every metered call; the billing page reads
 * usageSummary. Reporting the recorded usage to the billing provider happens
 * apart, in the report-usage-meters job (./metering.ts), so an AI call never
 * waits for Stripe.
 *
 * One aggregate per metered call: checkQuota sums the period's usage (the cap
 * is decided on fresh numbers) and leaves what it computed here, per team, for a
 * short while; trackUsage counts the call's tokens on from it instead of summing
 * the period again. A checked quota is published only once its sum has finished,
 * and a call takes it before its own usage row is written, so the sum never
 * holds that row: counting on from it never counts a call twice. It may miss
 * calls of other processes (or a sum that ran meanwhile): the count is a lower
 * bound, so a notice is never early — at worst it comes with the next call,
 * whose check sums afresh. Notices stay once-only through their keys (upsell.ts).
 */
export type UsageSummary = AiQuota;

export type BillingServiceApi = {
  /** The period's usage; throws QUOTA_EXCEEDED when the cap is reached. */
  checkQuota: (teamId: string, now?: Date) => Promise<UsageSummary>;
  /** Records the call's usage, then sends the upsell notices it newly reached. Never throws. */
  trackUsage: (record: AiUsageRecord) => Promise<void>;
  usageSummary: (teamId: string, now?: Date) => Promise<UsageSummary>;
};

/** How long a check serves its call's trackUsage (longer than any AI call's timeout). */
export const CHECKED_QUOTA_TTL_MS = 2 * 60_000;
const MAX_CHECKED_TEAMS = 5_000;

type CheckedQuota = { quota: AiQuota; plan: Plan; checkedAt: number };

const checked = new Map<string, CheckedQuota>();

function publish(teamId: string, loaded: { quota: AiQuota; plan: Plan }): void {
  // Re-inserted at the end: the Map's order is oldest first, so the bound drops the stalest team.
  checked.delete(teamId);
  checked.set(teamId, { quota: loaded.quota, plan: loaded.plan, checkedAt: Date.now() });
  if (checked.size > MAX_CHECKED_TEAMS) {
    const oldest = checked.keys().next();
    if (!oldest.done) checked.delete(oldest.value);
  }
}

/** The team's recent check when it covers `at` (same period, still fresh), else null. */
function takeChecked(teamId: string, at: Date): CheckedQuota | null {
  const entry = checked.get(teamId);
  if (!entry) return null;
  const fresh = Date.now() - entry.checkedAt <= CHECKED_QUOTA_TTL_MS;
  const samePeriod = at >= entry.quota.periodStart && at < entry.quota.periodEnd;
  return fresh && samePeriod ? entry : null;
}

/** Forgets the checked quotas (tests; a plan change elsewhere is bounded by the TTL). */
export function forgetCheckedQuotas(teamId?: string): void {
  if (teamId === undefined) checked.clear();
  else checked.delete(teamId);
}

export const BillingService: BillingServiceApi = {
  checkQuota: async (teamId, now = new Date()) => {
    const loaded = await loadAiQuota(teamId, now);
    publish(teamId, loaded);
    if (isOverCap(loaded.quota)) throw quotaExceededError(loaded.quota);
    return loaded.quota;
  },

  trackUsage: async (record) => {
    const metered = isMetered(record.provider);
    // Taken before the row is written: its sum cannot hold this call (see above).
    const entry = metered ? takeChecked(record.teamId, record.createdAt) : null;
    // recordAiUsage logs and swallows its own failures: the caller has its answer.
    await recordAiUsage(record);
    if (!metered) return;
    const tokens = record.inputTokens + record.outputTokens;
    // Concurrent calls of the team in this process count on from the same check.
    if (entry) entry.quota = withUsedTokens(entry.quota, entry.plan, entry.quota.usedTokens + tokens);
    // Calls that used nothing change no threshold, except a refusal: an owner who
    // lowered the limit below the usage learns of the cap from the first refusal.
    if (tokens === 0 && record.status !== "quota-exceeded") return;
    try {
      const loaded = entry ? { quota: entry.quota, plan: entry.plan } : await loadAiQuota(record.teamId, record.createdAt);
      await sendUsageNotices(record.teamId, record.createdAt, loaded);
    } catch (error) {
      console.error(`[billing] usage notices for a ${record.feature} call failed: ${describeError(error)}`);
    }
  },

  usageSummary: (teamId, now = new Date()) => getAiQuota(teamId, now),
};
