import { msg } from "@/lib/message";
import { DomainError } from "@/server/errors";
import { CircuitBreaker } from "./circuit-breaker";
import { parseAiConfig, type AiConfig } from "./config";
import { maskPIIMany, unmaskPII, type PiiEntity } from "./pii";
import { createGeminiProvider } from "./providers/gemini";
import { createLocalProvider } from "./providers/local";
import { BillingService } from "../billing/billing-service";
import { isMetered } from "./quota";
import { estimateTokensOf } from "./tokens";
import type {
  AiCaller,
  AiFeature,
  AiProvider,
  AiProviderId,
  AiStatus,
  AnswerInput,
  AnswerOutput,
  InsightsInput,
  InsightsOutput,
  ProviderReply,
  ProviderUsage,
  RuleCheckInput,
  RuleCheckOutput,
} from "./types";
import { describeAiError, recordAiUsage, type AiUsageStatus } from "./usage";

/**
 * The only way the app reaches a model. Every call:
 *   quota (metered providers) → circuit breaker → mask PII in everything sent →
 *   provider call under a timeout → record usage (always, failures included) →
 *   read the reply → unmask it.
 * Failures become AI_UNAVAILABLE so features degrade instead of breaking; an
 * exhausted allowance is QUOTA_EXCEEDED, raised before any text leaves. A reply
 * that came but cannot be used is recorded with the tokens it was billed, and
 * does not trip the breaker: the service is up, the model just answered badly.
 */
type Labelled = { provider: AiProviderId; model: string };

export type AiGateway = {
  status(): AiStatus;
  answer(caller: AiCaller, input: AnswerInput): Promise<AnswerOutput & Labelled>;
  insights(caller: AiCaller, input: InsightsInput): Promise<InsightsOutput & Labelled>;
  checkRules(
    caller: AiCaller,
    input: RuleCheckInput,
  ): Promise<(RuleCheckOutput & Labelled & { supported: true }) | (Labelled & { supported: false })>;
  embedDocuments(caller: AiCaller, texts: string[]): Promise<number[][]>;
  embedQuery(caller: AiCaller, text: string): Promise<number[]>;
  /** Stored with each chunk: retrieval only compares vectors of the same model. */
  embeddingModel(): string;
};

export type CreateAiGatewayOptions = {
  provider: AiProvider;
  /** The clock for the breaker, the quota month and usage timestamps (tests move it). */
  now?: () => number;
  timeoutMs?: number;
  failureThreshold?: number;
  cooldownMs?: number;
  /** Strings that must never reach the usage table (the provider's API key). */
  secrets?: ReadonlyArray<string | undefined>;
};

const DEFAULT_TIMEOUT_MS = 30_000;

/** Thrown inside the gateway when its timer fires first; never leaves it. */
class AiTimeoutError extends Error {
  constructor(timeoutMs: number) {
    super(`No reply within ${timeoutMs} ms.`);
    this.name = "AiTimeoutError";
  }
}

async function withTimeout<T>(run: (signal: AbortSignal) => Promise<T>, timeoutMs: number): Promise<T> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new AiTimeoutError(timeoutMs);
      controller.abort(error);
      reject(error);
    }, timeoutMs);
  });
  try {
    // Raced as well as signalled: a provider that ignores the signal still cannot hold the caller.
    return await Promise.race([run(controller.signal), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

/** The HTTP status a provider's client attached to its error (Google's SDK: `status`), if any. */
function httpStatusOf(error: unknown): number | null {
  for (let current = error, depth = 0; typeof current === "object" && current !== null && depth < 5; depth++) {
    const { status, response, cause } = current as { status?: unknown; response?: { status?: unknown }; cause?: unknown };
    if (typeof status === "number") return status;
    if (typeof response?.status === "number") return response.status;
    current = cause;
  }
  return null;
}

/**
 * Whether a failed call says the service is unhealthy, which is what the breaker
 * guards against: no connection, 5xx, 408 and 429 (overloaded: back off) count.
 * Another 4xx is this request refused by a service that is up, and does not.
 */
function isServiceFailure(error: unknown): boolean {
  const status = httpStatusOf(error);
  return status === null || status >= 500 || status === 408 || status === 429;
}

/** Masks several texts with one numbering, so the same value is the same placeholder everywhere in a prompt. */
function maskAll(texts: readonly string[]): { masked: string[]; entities: PiiEntity[] } {
  return maskPIIMany(texts);
}

/**
 * Masks every string in a JSON value (keys are field names, not data). Numbers are
 * checked too: a phone or NIK stored as a number is sent as its masked string.
 */
function maskJson(values: readonly unknown[]): { masked: unknown[]; entities: PiiEntity[] } {
  const strings: string[] = [];
  const collect = (value: unknown): void => {
    if (typeof value === "string") strings.push(value);
    else if (typeof value === "number" && Number.isFinite(value)) strings.push(String(value));
    else if (Array.isArray(value)) value.forEach(collect);
    else if (typeof value === "object" && value !== null) Object.values(value).forEach(collect);
  };
  values.forEach(collect);
  const { masked, entities } = maskAll(strings);
  let index = 0;
  const rebuild = (value: unknown): unknown => {
    if (typeof value === "string") return masked[index++] ?? "";
    if (typeof value === "number" && Number.isFinite(value)) {
      const text = masked[index++] ?? "";
      return text === String(value) ? value : text;
    }
    if (Array.isArray(value)) return value.map(rebuild);
    if (typeof value === "object" && value !== null) {
      return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, rebuild(child)]));
    }
    return value;
  };
  return { masked: values.map(rebuild), entities };
}

const FEATURE = {
  answer: "rag-answer",
  insights: "ceo-digest",
  checkRules: "invoice-precheck",
  embedding: "embedding",
} as const satisfies Record<string, AiFeature>;

export function createAiGateway(options: CreateAiGatewayOptions): AiGateway {
  const provider = options.provider;
  const now = options.now ?? Date.now;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const breaker = new CircuitBreaker({ failureThreshold: options.failureThreshold, cooldownMs: options.cooldownMs, now });
  const secrets = options.secrets ?? [];

  type CallSpec<T> = {
    caller: AiCaller;
    feature: AiFeature;
    model: string;
    /** Local embeddings: nothing leaves the server and nothing is billed. */
    skipQuota?: boolean;
    run: (signal: AbortSignal) => Promise<ProviderReply<T>>;
  };

  async function call<T>(spec: CallSpec<T>): Promise<T> {
    const started = performance.now();
    // Metered calls go through billing (usage record + upsell notices); local ones are only recorded.
    const track = isMetered(provider.id) ? BillingService.trackUsage : recordAiUsage;
    const record = (status: AiUsageStatus, usage: ProviderUsage, error: string | null) =>
      track({
        teamId: spec.caller.teamId,
        userId: spec.caller.userId,
        feature: spec.feature,
        provider: provider.id,
        model: spec.model,
        inputTokens: usage.inputTokens,
        outputTokens: usage.outputTokens,
        status,
        latencyMs: performance.now() - started,
        error,
        createdAt: new Date(now()),
      });
    const none: ProviderUsage = { inputTokens: 0, outputTokens: 0 };

    if (!spec.skipQuota && isMetered(provider.id)) {
      try {
        await BillingService.checkQuota(spec.caller.teamId, new Date(now()));
      } catch (error) {
        if (error instanceof DomainError && error.code === "QUOTA_EXCEEDED") await record("quota-exceeded", none, null);
        throw error;
      }
    }

    if (!breaker.tryAcquire()) {
      await record("circuit-open", none, null);
      throw circuitOpenError(breaker.retryAt() ?? now());
    }

    let reply: ProviderReply<T>;
    try {
      reply = await withTimeout(spec.run, timeoutMs);
    } catch (error) {
      const timedOut = error instanceof AiTimeoutError;
      if (timedOut || isServiceFailure(error)) breaker.failure();
      else breaker.success();
      await record(timedOut ? "timeout" : "error", none, describeAiError(error, secrets));
      throw new DomainError(
        "AI_UNAVAILABLE",
        timedOut
          ? "The AI service took too long to answer. Please try again in a moment."
          : "The AI service is not available right now. Please try again in a moment.",
        { cause: error },
      );
    }
    // A reply came: the service is healthy, whatever the reply turns out to be.
    breaker.success();
    const usage = reply.usage;
    let value: T;
    try {
      value = reply.read();
    } catch (error) {
      // Billed all the same: the failure is recorded with the tokens.
      await record("error", usage, describeAiError(error, secrets));
      throw new DomainError("AI_UNAVAILABLE", "The AI service gave an answer that could not be used. Please try again in a moment.", {
        cause: error,
      });
    }
    await record("ok", usage, null);
    return value;
  }

  function circuitOpenError(retryAt: number): DomainError {
    const seconds = Math.max(1, Math.ceil((retryAt - now()) / 1000));
    return new DomainError(
      "AI_UNAVAILABLE",
      msg`The AI service is paused after repeated failures. Please try again in ${seconds} seconds.`,
    );
  }

  const labelled: Labelled = { provider: provider.id, model: provider.model };

  async function embed(caller: AiCaller, texts: string[]): Promise<number[][]> {
    if (texts.length === 0) return [];
    // Local embeddings never leave the process: masking would only blur them.
    const outgoing = isMetered(provider.id) ? maskAll(texts).masked : texts;
    return call({
      caller,
      feature: FEATURE.embedding,
      model: provider.embeddingModel,
      skipQuota: !isMetered(provider.id),
      run: async (signal) => {
        signal.throwIfAborted();
        const vectors = await provider.embeddings.embedDocuments(outgoing);
        return {
          // The embed API reports no token counts: estimated from what was sent.
          usage: { inputTokens: estimateTokensOf(outgoing), outputTokens: 0 },
          read() {
            if (vectors.length !== texts.length) throw new Error("The embedding provider returned a different number of vectors.");
            return vectors;
          },
        };
      },
    });
  }

  return {
    status() {
      const retryAt = breaker.retryAt();
      return {
        provider: provider.id,
        label: provider.label,
        canReason: provider.canReason,
        available: breaker.state() !== "open",
        retryAt: retryAt === null ? null : new Date(retryAt).toISOString(),
      };
    },

    embeddingModel: () => provider.embeddingModel,

    async answer(caller, input) {
      const history = input.history ?? [];
      const { masked, entities } = maskAll([
        input.question,
        ...input.passages.map((p) => p.text),
        ...input.passages.map((p) => p.label),
        ...history.map((h) => h.content),
      ]);
      const at = (i: number) => masked[i] ?? "";
      const passageCount = input.passages.length;
      const outgoing: AnswerInput = {
        question: at(0),
        passages: input.passages.map((p, i) => ({ id: p.id, text: at(1 + i), label: at(1 + passageCount + i) })),
        history: history.map((h, i) => ({ role: h.role, content: at(1 + 2 * passageCount + i) })),
      };
      const known = new Set(input.passages.map((p) => p.id));
      const output = await call({
        caller,
        feature: FEATURE.answer,
        model: provider.model,
        run: (signal) => provider.answer(outgoing, { signal }),
      });
      const citedIds = [...new Set(output.citedIds.filter((id) => known.has(id)))];
      return {
        answer: unmaskPII(output.answer, entities),
        citedIds: output.grounded ? citedIds : [],
        grounded: output.grounded,
        ...labelled,
      };
    },

    async insights(caller, input) {
      const { masked, entities } = maskJson([input.data]);
      const data = (masked[0] ?? {}) as Record<string, unknown>;
      const output = await call({
        caller,
        feature: FEATURE.insights,
        model: provider.model,
        run: (signal) => provider.insights({ data, count: input.count }, { signal }),
      });
      return { insights: output.insights.map((insight) => unmaskPII(insight, entities)), ...labelled };
    },

    async checkRules(caller, input) {
      // Rules need reasoning: without a model the feature says so instead of guessing.
      if (!provider.canReason) return { supported: false, ...labelled };
      const { masked, entities } = maskJson([input.invoice, input.rules]);
      const invoice = (masked[0] ?? {}) as Record<string, unknown>;
      const rules = (masked[1] ?? []) as string[];
      const output = await call({
        caller,
        feature: FEATURE.checkRules,
        model: provider.model,
        run: (signal) => provider.checkRules({ invoice, rules }, { signal }),
      });
      return {
        supported: true,
        violations: output.violations.map((v) => ({
          rule: unmaskPII(v.rule, entities),
          field: v.field,
          reason: unmaskPII(v.reason, entities),
        })),
        ...labelled,
      };
    },

    embedDocuments: (caller, texts) => embed(caller, texts),

    async embedQuery(caller, text) {
      const [vector] = await embed(caller, [text]);
      if (!vector) throw new DomainError("AI_UNAVAILABLE", "The AI service is not available right now. Please try again in a moment.");
      return vector;
    },
  };
}

/** The provider the configuration asks for (see parseAiConfig). */
export function createProviderFromConfig(config: AiConfig): AiProvider {
  if (config.provider === "gemini" && config.apiKey) {
    return createGeminiProvider({
      apiKey: config.apiKey,
      chatModel: config.chatModel,
      embeddingModel: config.embeddingModel,
      baseUrl: config.baseUrl,
    });
  }
  return createLocalProvider();
}

export function createAiGatewayFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): AiGateway {
  const config = parseAiConfig(env);
  return createAiGateway({
    provider: createProviderFromConfig(config),
    timeoutMs: config.timeoutMs,
    failureThreshold: config.breakerFailures,
    cooldownMs: config.breakerCooldownMs,
    secrets: [config.apiKey],
  });
}

// One gateway per process (kept across dev reloads): the breaker's memory is its point.
const globals = globalThis as typeof globalThis & { __ebosAiGateway?: AiGateway; __ebosAiGatewayOverride?: AiGateway | null };

export function getAiGateway(): AiGateway {
  if (globals.__ebosAiGatewayOverride) return globals.__ebosAiGatewayOverride;
  globals.__ebosAiGateway ??= createAiGatewayFromEnv();
  return globals.__ebosAiGateway;
}

/** Tests swap the gateway (a fake provider, a short timeout); null restores the real one. */
export function setAiGatewayForTests(gateway: AiGateway | null): void {
  globals.__ebosAiGatewayOverride = gateway;
}
