import { getBaseDb } from "@/server/db/client";
import { describeError } from "@/server/log";
import { costMicros } from "./config";
import { maskPII } from "./pii";
import type { AiFeature, AiProviderId } from "./types";

/**
 * One AiUsageEvent per gateway call, successful or not: what the usage page,
 * the quota and billing's metering read. Cost comes from the price table
 * (config.ts) at the time of the call, so a later price change does not
 * rewrite history.
 */
export type AiUsageStatus = "ok" | "error" | "timeout" | "circuit-open" | "quota-exceeded";

export type AiUsageRecord = {
  teamId: string;
  userId: string | null;
  feature: AiFeature;
  provider: AiProviderId;
  model: string;
  inputTokens: number;
  outputTokens: number;
  status: AiUsageStatus;
  latencyMs: number;
  /** Already safe to store: see describeAiError. */
  error: string | null;
  createdAt: Date;
};

export async function recordAiUsage(record: AiUsageRecord): Promise<void> {
  try {
    await getBaseDb().aiUsageEvent.create({
      data: {
        teamId: record.teamId,
        userId: record.userId,
        feature: record.feature,
        provider: record.provider,
        model: record.model,
        inputTokens: record.inputTokens,
        outputTokens: record.outputTokens,
        costMicros: costMicros(record.model, record.inputTokens, record.outputTokens),
        status: record.status,
        latencyMs: Math.max(0, Math.round(record.latencyMs)),
        error: record.error,
        createdAt: record.createdAt,
      },
      select: { id: true },
    });
  } catch (error) {
    // The user already has the answer (or the real error): a bookkeeping failure
    // must not replace it. It is loud in the logs instead.
    console.error(`[ai] could not record usage for a ${record.feature} call: ${describeError(error)}`);
  }
}

const GOOGLE_KEY = /\bAIza[0-9A-Za-z_-]{20,}/g;

/**
 * A provider failure as stored in AiUsageEvent.error: one short line without
 * credentials (the configured key, Google-looking keys, tokens, URL passwords)
 * and without personal data (provider errors can echo the request).
 */
export function describeAiError(error: unknown, secrets: ReadonlyArray<string | undefined> = []): string {
  let text = describeError(error).replace(GOOGLE_KEY, "***key***");
  for (const secret of secrets) if (secret) text = text.split(secret).join("***");
  return maskPII(text).masked.slice(0, 500);
}
