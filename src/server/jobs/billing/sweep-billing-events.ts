import { z } from "zod";
import { sweepBillingEvents } from "../../services/billing/events/sweep";
import { enqueueJob } from "../queue";
import { defineJob } from "../types";

/**
 * Every five minutes: billing events whose processing failed for good (or was
 * never handed over) get another run, with backoff, for up to 48 hours
 * (services/billing/events/sweep.ts). Idempotent: each try has its own key, and
 * an event with a run under way is left alone.
 */
export const SWEEP_SLOT_MS = 5 * 60_000;

export const sweepBillingEventsJob = defineJob({
  name: "sweep-billing-events",
  payload: z.object({}),
  maxAttempts: 2,
  timeoutMs: 2 * 60_000,
  run: async () => sweepBillingEvents({ enqueue: enqueueJob }),
});

/** One run per five-minute slot: `sweep-billing-events:<slot start, ISO>`. */
export function sweepSlotKey(now: Date): string {
  const slot = Math.floor(now.getTime() / SWEEP_SLOT_MS) * SWEEP_SLOT_MS;
  return `${sweepBillingEventsJob.name}:${new Date(slot).toISOString()}`;
}

/** Enqueues the current slot's sweep (whatever the billing provider: local events are swept too). */
export async function scheduleBillingEventSweep(now: Date, enqueue: typeof enqueueJob): Promise<string[]> {
  const key = sweepSlotKey(now);
  const { created } = await enqueue({ job: sweepBillingEventsJob.name, payload: {}, key });
  return created ? [key] : [];
}
