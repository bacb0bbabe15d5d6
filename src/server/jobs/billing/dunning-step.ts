import { z } from "zod";
import { DUNNING_STEP_JOB, runDunningStep, type DunningStepPayload } from "../../services/billing/dunning";
import { defineJob } from "../types";

/**
 * One dunning step of a team (a failed attempt's warning, the lock notice, the
 * recovery notice, a confirmation request): its email and in-app notification,
 * each sent once whatever the retries. The state change itself (lock, unlock)
 * was made when the invoice event was processed.
 */
export const ZDunningStepPayload = z.object({
  teamId: z.string().min(1).max(64),
  invoiceId: z.string().min(1).max(255),
  attempt: z.number().int().min(0).max(1_000),
  action: z.enum(["warn", "lock", "recover", "action_required"]),
}) satisfies z.ZodType<DunningStepPayload>;

export const dunningStepJob = defineJob({
  name: DUNNING_STEP_JOB,
  payload: ZDunningStepPayload,
  maxAttempts: 5,
  timeoutMs: 60_000,
  run: (payload) => runDunningStep(payload),
});
