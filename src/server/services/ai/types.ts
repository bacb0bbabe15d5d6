/**
 * The AI gateway's contract: what features ask for and what providers implement.
 *
 * Features (invoice pre-check, document chat, CEO digest) never talk to a model
 * directly: they call the gateway (./gateway.ts), which picks the provider (Gemini
 * when GOOGLE_API_KEY is set, the local provider otherwise), masks PII before any
 * text leaves the server and unmasks the answer, checks the team's quota, enforces a
 * timeout and a circuit breaker, and records tokens and cost (AiUsageEvent).
 *
 * The operations are task-shaped rather than "send this prompt", so the local
 * provider can implement each one for real (extractive answers, rule-based
 * insights) instead of pretending to be a chat model.
 */
import type { Embeddings } from "@langchain/core/embeddings";

export type AiProviderId = "gemini" | "local";

/** What asked; recorded with the usage and used for per-feature limits. */
export type AiFeature = "invoice-precheck" | "rag-answer" | "ceo-digest" | "embedding";

/** Who pays: the team's quota and the usage record. */
export type AiCaller = { teamId: string; userId: string | null };

/** A passage the answer may draw on; `id` is how the answer cites it. */
export type Passage = { id: string; text: string; label: string };

export type AnswerInput = {
  question: string;
  passages: Passage[];
  /** Earlier turns of the conversation, oldest first (already shown to the user). */
  history?: Array<{ role: "user" | "assistant"; content: string }>;
};

export type AnswerOutput = {
  /** The answer in the user's words (unmasked by the gateway). */
  answer: string;
  /** Ids of the passages the answer used; empty when not grounded. */
  citedIds: string[];
  /** False: the passages do not contain the answer (the answer then says so). */
  grounded: boolean;
};

export type InsightsInput = {
  /** The day's aggregates (already free of PII where possible; masked anyway). */
  data: Record<string, unknown>;
  /** How many insights to produce. */
  count: number;
};

export type InsightsOutput = { insights: string[] };

export type RuleCheckInput = {
  /** The invoice as plain data (a pseudonym for the customer, lines, amounts as decimal strings, dates). */
  invoice: Record<string, unknown>;
  /** The team's rules in plain language. */
  rules: string[];
};

export type RuleCheckOutput = {
  /** One entry per rule the invoice breaks, with the model's reason. */
  violations: Array<{ rule: string; field: string | null; reason: string }>;
};

export type ProviderUsage = { inputTokens: number; outputTokens: number };

/**
 * What a provider hands back once the model has replied: the tokens the call was
 * billed for, and the reply still to be read. The gateway records the usage before
 * reading, so a reply that turns out unusable (not JSON, the wrong shape) is still
 * counted; and since the provider did answer, such a reply is the model's failure,
 * not the service's, and does not count toward the circuit breaker.
 */
export type ProviderReply<T> = {
  usage: ProviderUsage;
  /** The reply parsed and checked; throws when it cannot be used. */
  read(): T;
};

/** Passed to every provider call: abort when the gateway's timeout fires. */
export type ProviderCallOptions = { signal: AbortSignal };

/**
 * One model backend. Inputs reach a provider already PII-masked; outputs go back
 * through the gateway to be unmasked. A provider throws only when no reply came
 * (network, timeout, HTTP error): the gateway turns that into an AI_UNAVAILABLE
 * DomainError and, when the service looks unhealthy, counts it for the circuit
 * breaker. Everything done with a reply that came (parsing, checking) belongs in
 * the reply's read(), after the gateway has recorded what it cost.
 */
export type AiProvider = {
  id: AiProviderId;
  /** The chat model's name (the price table's key). */
  model: string;
  embeddingModel: string;
  /** Shown in the UI, e.g. "Local (extractive, no model)" or "Gemini 2.5 Flash". */
  label: string;
  /** False for the local provider: features that need reasoning say so and skip it. */
  canReason: boolean;
  embeddings: Embeddings;
  answer(input: AnswerInput, options: ProviderCallOptions): Promise<ProviderReply<AnswerOutput>>;
  insights(input: InsightsInput, options: ProviderCallOptions): Promise<ProviderReply<InsightsOutput>>;
  /** Only when canReason; the local provider throws. */
  checkRules(input: RuleCheckInput, options: ProviderCallOptions): Promise<ProviderReply<RuleCheckOutput>>;
};

/** Embedding width shared by both providers and the pgvector column (vector(768)). */
export const EMBEDDING_DIMENSIONS = 768;

/** What the UI needs to decide whether to show AI buttons, a notice, or a "local" label. */
export type AiStatus = {
  provider: AiProviderId;
  label: string;
  canReason: boolean;
  /** False while the circuit breaker is open (recent failures): AI features show a notice. */
  available: boolean;
  /** When the breaker will let a call through again (ISO), if open. */
  retryAt: string | null;
};
