import { z } from "zod";
import { DomainError } from "../../errors";
import { PROCESS_BILLING_EVENT_JOB } from "../../services/billing/events/ledger";
import { processBillingEvent } from "../../services/billing/events/process";
import { defineJob, PermanentJobError } from "../types";

/**
 * Processes one stored billing event (the webhook answered as soon as it was
 * stored). Retried on failure — Stripe unreachable while re-fetching a
 * subscription, the database away — except for what a retry cannot fix: an
 * event that is not valid or names a missing row.
 */
export const ZProcessBillingEventPayload = z.object({ billingEventId: z.string().min(1).max(64) });
export type ProcessBillingEventPayload = z.infer<typeof ZProcessBillingEventPayload>;

const PERMANENT: ReadonlySet<string> = new Set(["BAD_REQUEST", "NOT_FOUND", "CONFLICT", "UNPROCESSABLE"]);

export const processBillingEventJob = defineJob({
  name: PROCESS_BILLING_EVENT_JOB,
  payload: ZProcessBillingEventPayload,
  maxAttempts: 8,
  timeoutMs: 60_000,
  run: async ({ billingEventId }) => {
    try {
      return { outcome: await processBillingEvent(billingEventId) };
    } catch (error) {
      if (error instanceof DomainError && PERMANENT.has(error.code)) throw new PermanentJobError(error.message, { cause: error });
      throw error;
    }
  },
});
