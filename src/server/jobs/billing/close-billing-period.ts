import { z } from "zod";
import { getBaseDb } from "../../db/client";
import { billingConfig } from "../../services/billing/config";
import { closeLocalBillingPeriod, dueLocalPeriodCloses } from "../../services/billing/period-close";
import type { enqueueJob } from "../queue";
import { defineJob } from "../types";

/**
 * The local provider's month end for one team and period: invoice (fee +
 * overage), advance or end the subscription (services/billing/period-close.ts).
 * Keyed per team and period; due closes are looked for on every embedded
 * scheduler tick (hourly on Trigger.dev). Re-running a closed period adds nothing.
 */
export const closeBillingPeriodJob = defineJob({
  name: "close-billing-period",
  payload: z.object({
    teamId: z.string().min(1).max(64),
    periodStart: z.iso.datetime(),
  }),
  maxAttempts: 5,
  timeoutMs: 2 * 60_000,
  run: async ({ teamId, periodStart }) => closeLocalBillingPeriod(teamId, new Date(periodStart)),
});

export function periodCloseKey(teamId: string, periodStart: Date): string {
  return `close-billing-period:${teamId}:${periodStart.toISOString()}`;
}

const KEY_BATCH = 500;

/**
 * Enqueues a close for every local subscription whose period has ended. Only when
 * the installation bills locally: with Stripe configured, a team still on the
 * local provider has not subscribed through Stripe and is not invoiced here.
 */
export async function scheduleLocalPeriodCloses(now: Date, enqueue: typeof enqueueJob): Promise<string[]> {
  if (billingConfig().provider !== "local") return [];
  const due = await dueLocalPeriodCloses(now);
  const enqueued: string[] = [];
  for (let i = 0; i < due.length; i += KEY_BATCH) {
    const batch = due.slice(i, i + KEY_BATCH).map((close) => ({ ...close, key: periodCloseKey(close.teamId, close.periodStart) }));
    // One query tells which closes already have their run.
    const existing = await getBaseDb().jobRun.findMany({ where: { key: { in: batch.map((close) => close.key) } }, select: { key: true } });
    const known = new Set(existing.map((run) => run.key));
    for (const close of batch) {
      if (known.has(close.key)) continue;
      const payload = { teamId: close.teamId, periodStart: close.periodStart.toISOString() };
      const { created } = await enqueue({ job: closeBillingPeriodJob.name, payload, key: close.key, teamId: close.teamId });
      if (created) enqueued.push(close.key);
    }
  }
  return enqueued;
}
