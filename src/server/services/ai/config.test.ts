import { describe, expect, it } from "vitest";
import { costMicros, DEFAULT_CHAT_MODEL, DEFAULT_EMBEDDING_MODEL, LOCAL_EMBEDDING_MODEL, MODEL_PRICES, parseAiConfig } from "./config";
import { createAiGatewayFromEnv } from "./gateway";
import { estimateTokens } from "./tokens";

describe("AI configuration", () => {
  it("picks Gemini when a key is set, the local provider otherwise, and local when forced", () => {
    expect(parseAiConfig({})).toMatchObject({ provider: "local", apiKey: undefined, embeddingModel: LOCAL_EMBEDDING_MODEL });
    expect(parseAiConfig({ GOOGLE_API_KEY: "  " }).provider).toBe("local");
    expect(parseAiConfig({ GOOGLE_API_KEY: "k" })).toMatchObject({
      provider: "gemini",
      apiKey: "k",
      chatModel: DEFAULT_CHAT_MODEL,
      embeddingModel: DEFAULT_EMBEDDING_MODEL,
      timeoutMs: 30_000,
      breakerFailures: 3,
      breakerCooldownMs: 30_000,
    });
    expect(parseAiConfig({ GOOGLE_API_KEY: "k", AI_PROVIDER: "local" })).toMatchObject({ provider: "local", apiKey: undefined });
    expect(parseAiConfig({ GOOGLE_API_KEY: "k", AI_CHAT_MODEL: "gemini-2.5-pro", AI_TIMEOUT_MS: "5000" })).toMatchObject({
      chatModel: "gemini-2.5-pro",
      timeoutMs: 5_000,
    });
  });

  it("rejects bad settings without echoing the key", () => {
    expect(() => parseAiConfig({ AI_PROVIDER: "gemini" })).toThrow(/needs GOOGLE_API_KEY/);
    expect(() => parseAiConfig({ AI_PROVIDER: "openai" })).toThrow(/AI_PROVIDER/);
    let message = "";
    try {
      parseAiConfig({ GOOGLE_API_KEY: "secret-key-value", AI_TIMEOUT_MS: "soon", GEMINI_BASE_URL: "not a url" });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain("AI_TIMEOUT_MS");
    expect(message).toContain("GEMINI_BASE_URL");
    expect(message).not.toContain("secret-key-value");
  });

  it("builds the gateway the environment asks for", () => {
    expect(createAiGatewayFromEnv({}).status()).toMatchObject({ provider: "local", canReason: false, available: true });
    const gemini = createAiGatewayFromEnv({ GOOGLE_API_KEY: "k", GEMINI_BASE_URL: "http://127.0.0.1:9" });
    expect(gemini.status()).toMatchObject({ provider: "gemini", label: "Gemini 2.5 Flash", canReason: true });
    expect(gemini.embeddingModel()).toBe("text-embedding-004");
  });
});

// The quota period (the subscription's billing period) is tested in quota.test.ts.
describe("prices and tokens", () => {
  it("costs tokens × price per million, rounded half up, in micro-USD", () => {
    // 1,000,000 input × 300,000 / 1e6 + 1,000,000 output × 2,500,000 / 1e6
    expect(costMicros("gemini-2.5-flash", 1_000_000, 1_000_000)).toBe(2_800_000n);
    // 5 × 0.3 = 1.5 → 2; 1 × 0.3 = 0.3 → 0; 3 × 0.15 = 0.45 → 0
    expect(costMicros("gemini-2.5-flash", 5, 0)).toBe(2n);
    expect(costMicros("gemini-2.5-flash", 1, 0)).toBe(0n);
    expect(costMicros("text-embedding-004", 3, 0)).toBe(0n);
    expect(costMicros("text-embedding-004", 10_000, 0)).toBe(1_500n);
    expect(costMicros("local", 10_000_000, 10_000_000)).toBe(0n);
    expect(MODEL_PRICES[LOCAL_EMBEDDING_MODEL]).toEqual({ inputMicrosPer1M: 0, outputMicrosPer1M: 0 });
  });

  it("estimates about four characters per token, by code point", () => {
    expect(estimateTokens("")).toBe(0);
    expect(estimateTokens("abc")).toBe(1);
    expect(estimateTokens("abcdefgh")).toBe(2);
    expect(estimateTokens("😀😀😀😀😀")).toBe(2);
  });
});
