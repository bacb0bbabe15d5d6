import { z } from "zod";
import type { AiProviderId } from "./types";

/**
 * AI configuration: which provider, which models, what they cost, how long a call
 * may take and how quickly the circuit breaker gives up. Read from the environment
 * once per gateway (see gateway.ts); every value has a working default, so the app
 * runs with no AI configuration at all (the local provider).
 */

/** The local provider's model names: nothing is called, nothing is billed. */
export const LOCAL_CHAT_MODEL = "local";
export const LOCAL_EMBEDDING_MODEL = "local-hash-768-v1";

export const DEFAULT_CHAT_MODEL = "gemini-2.5-flash";
export const DEFAULT_EMBEDDING_MODEL = "text-embedding-004";

/** Per call: a model that has not answered by then is treated as down. */
export const DEFAULT_TIMEOUT_MS = 30_000;
/** Consecutive failures that open the circuit breaker, and how long it stays open. */
export const DEFAULT_BREAKER_FAILURES = 3;
export const DEFAULT_BREAKER_COOLDOWN_MS = 30_000;
/** The Gemini SDK retries with backoff for ~100 s by default; the breaker is the retry policy. */
export const GEMINI_MAX_RETRIES = 1;

/** Price of one million tokens in millionths of a US dollar (micro-USD). */
export type ModelPrice = { inputMicrosPer1M: number; outputMicrosPer1M: number };

/**
 * List prices (Gemini API, paid tier, text, at the time of writing). Operators who
 * negotiate other prices or add a model change this table: cost = tokens × price.
 * A model missing here cannot be configured (createGeminiProvider refuses it), so
 * usage is never silently recorded as free.
 */
export const MODEL_PRICES: Readonly<Record<string, ModelPrice>> = {
  "gemini-2.5-flash": { inputMicrosPer1M: 300_000, outputMicrosPer1M: 2_500_000 },
  "gemini-2.5-flash-lite": { inputMicrosPer1M: 100_000, outputMicrosPer1M: 400_000 },
  "gemini-2.5-pro": { inputMicrosPer1M: 1_250_000, outputMicrosPer1M: 10_000_000 },
  "text-embedding-004": { inputMicrosPer1M: 150_000, outputMicrosPer1M: 0 },
  "gemini-embedding-001": { inputMicrosPer1M: 150_000, outputMicrosPer1M: 0 },
  [LOCAL_CHAT_MODEL]: { inputMicrosPer1M: 0, outputMicrosPer1M: 0 },
  [LOCAL_EMBEDDING_MODEL]: { inputMicrosPer1M: 0, outputMicrosPer1M: 0 },
};

export function priceFor(model: string): ModelPrice | undefined {
  return Object.hasOwn(MODEL_PRICES, model) ? MODEL_PRICES[model] : undefined;
}

/** Cost of one call in micro-USD, rounded half up: tokens × price per 1M / 1M. */
export function costMicros(model: string, inputTokens: number, outputTokens: number): bigint {
  const price = priceFor(model);
  if (!price) return 0n;
  const numerator =
    BigInt(inputTokens) * BigInt(price.inputMicrosPer1M) + BigInt(outputTokens) * BigInt(price.outputMicrosPer1M);
  return (numerator + 500_000n) / 1_000_000n;
}

const optionalString = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === "" ? undefined : value.trim()));

// Operator-facing (English): a configuration problem, not a reader's message.
const NOT_POSITIVE = "AI_ settings must be positive whole numbers.";

const positiveInt = (fallback: number) =>
  z
    .string()
    .optional()
    .transform((value, context) => {
      if (value === undefined || value.trim() === "") return fallback;
      const parsed = Number(value);
      if (!Number.isInteger(parsed) || parsed <= 0) {
        context.addIssue({ code: "custom", message: NOT_POSITIVE });
        return z.NEVER;
      }
      return parsed;
    });

const AiEnv = z.object({
  GOOGLE_API_KEY: optionalString,
  AI_PROVIDER: optionalString.pipe(z.enum(["gemini", "local"]).optional()),
  AI_CHAT_MODEL: optionalString,
  AI_EMBEDDING_MODEL: optionalString,
  // A proxy or gateway in front of the Gemini API (and the tests' fake server).
  GEMINI_BASE_URL: optionalString.pipe(z.url().optional()),
  AI_TIMEOUT_MS: positiveInt(DEFAULT_TIMEOUT_MS),
  AI_BREAKER_FAILURES: positiveInt(DEFAULT_BREAKER_FAILURES),
  AI_BREAKER_COOLDOWN_MS: positiveInt(DEFAULT_BREAKER_COOLDOWN_MS),
});

export type AiConfig = {
  provider: AiProviderId;
  /** Only when provider is gemini. Never logged, never put in a prompt or an error. */
  apiKey: string | undefined;
  chatModel: string;
  embeddingModel: string;
  baseUrl: string | undefined;
  timeoutMs: number;
  breakerFailures: number;
  breakerCooldownMs: number;
};

/**
 * GOOGLE_API_KEY set → Gemini, otherwise the local provider; AI_PROVIDER=local
 * forces the local provider even with a key (e.g. a data-residency rule).
 * Errors name the variable, never its value.
 */
export function parseAiConfig(source: Readonly<Record<string, string | undefined>>): AiConfig {
  const parsed = AiEnv.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid AI configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
  const env = parsed.data;
  if (env.AI_PROVIDER === "gemini" && !env.GOOGLE_API_KEY) {
    throw new Error("Invalid AI configuration: AI_PROVIDER=gemini needs GOOGLE_API_KEY.");
  }
  const provider: AiProviderId = env.AI_PROVIDER ?? (env.GOOGLE_API_KEY ? "gemini" : "local");
  const chatModel = provider === "local" ? LOCAL_CHAT_MODEL : (env.AI_CHAT_MODEL ?? DEFAULT_CHAT_MODEL);
  const embeddingModel = provider === "local" ? LOCAL_EMBEDDING_MODEL : (env.AI_EMBEDDING_MODEL ?? DEFAULT_EMBEDDING_MODEL);
  return {
    provider,
    apiKey: provider === "gemini" ? env.GOOGLE_API_KEY : undefined,
    chatModel,
    embeddingModel,
    baseUrl: env.GEMINI_BASE_URL,
    timeoutMs: env.AI_TIMEOUT_MS,
    breakerFailures: env.AI_BREAKER_FAILURES,
    breakerCooldownMs: env.AI_BREAKER_COOLDOWN_MS,
  };
}
