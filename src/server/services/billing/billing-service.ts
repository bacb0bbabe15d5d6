import { describeError } from "../../log";
import { assertWithinAiQuota, getAiQuota, isMetered, type AiQuota } from "../ai/quota";
import { recordAiUsage, type AiUsageRecord } from "../ai/usage";
import { sendUsageNotices } from "./upsell";

/**
 * Usage billing as the rest of the app sees it. The AI gateway calls checkQuota
 * before and trackUsage after every metered call; the billing page reads
 * usageSummary. Reporting the recorded usage to the billing provider happens
 * apart, in the report-usage-meters job (./metering.ts), so an AI call never
 * waits for Stripe.
 */
export type UsageSummary = AiQuota;

export type BillingServiceApi = {
  /** The period's usage; throws QUOTA_EXCEEDED when the cap is reached. */
  checkQuota: (teamId: string, now?: Date) => Promise<UsageSummary>;
  /** Records the call's usage, then sends the upsell notices it newly reached. Never throws. */
  trackUsage: (record: AiUsageRecord) => Promise<void>;
  usageSummary: (teamId: string, now?: Date) => Promise<UsageSummary>;
};

export const BillingService: BillingServiceApi = {
  checkQuota: (teamId, now = new Date()) => assertWithinAiQuota(teamId, now),

  trackUsage: async (record) => {
    // recordAiUsage logs and swallows its own failures: the caller has its answer.
    await recordAiUsage(record);
    if (!isMetered(record.provider)) return;
    // Calls that used nothing change no threshold, except a refusal: an owner who
    // lowered the limit below the usage learns of the cap from the first refusal.
    if (record.inputTokens + record.outputTokens === 0 && record.status !== "quota-exceeded") return;
    try {
      await sendUsageNotices(record.teamId, record.createdAt);
    } catch (error) {
      console.error(`[billing] usage notices for a ${record.feature} call failed: ${describeError(error)}`);
    }
  },

  usageSummary: (teamId, now = new Date()) => getAiQuota(teamId, now),
};
