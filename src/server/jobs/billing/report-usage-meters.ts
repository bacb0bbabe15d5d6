import { z } from "zod";
import { billingConfig } from "../../services/billing/config";
import { reportUsageMeters } from "../../services/billing/metering";
import type { enqueueJob } from "../queue";
import { defineJob } from "../types";

/**
 * Every five minutes: unreported AI usage of Stripe-billed teams into meter
 * reports, then every pending report to Stripe Billing Meters (see
 * services/billing/metering.ts). Idempotent and resumable: a crashed or
 * overlapping run leaves every event in exactly one report and resends a report
 * only with its own identifier.
 */
export const METER_SLOT_MS = 5 * 60_000;

export const reportUsageMetersJob = defineJob({
  name: "report-usage-meters",
  payload: z.object({}),
  maxAttempts: 3,
  timeoutMs: 4 * 60_000,
  run: async (_payload, context) => reportUsageMeters({ signal: context.signal }),
});

/** One run per five-minute slot: `report-usage-meters:<slot start, ISO>`. */
export function meterSlotKey(now: Date): string {
  const slot = Math.floor(now.getTime() / METER_SLOT_MS) * METER_SLOT_MS;
  return `report-usage-meters:${new Date(slot).toISOString()}`;
}

/** Enqueues the current slot's run when Stripe is configured (with the local provider nothing is metered). */
export async function scheduleUsageMeterReport(now: Date, enqueue: typeof enqueueJob): Promise<string[]> {
  if (billingConfig().provider !== "stripe") return [];
  const key = meterSlotKey(now);
  const { created } = await enqueue({ job: reportUsageMetersJob.name, payload: {}, key });
  return created ? [key] : [];
}
