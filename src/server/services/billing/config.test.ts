import { describe, expect, it } from "vitest";
import { parseBillingConfig } from "./config";

describe("billing configuration", () => {
  it("is local without a Stripe key", () => {
    expect(parseBillingConfig({})).toEqual({ provider: "local", stripe: undefined });
    expect(parseBillingConfig({ STRIPE_SECRET_KEY: "  " }).provider).toBe("local");
  });

  it("reads Stripe keys, prices per plan and the API base", () => {
    const config = parseBillingConfig({
      STRIPE_SECRET_KEY: "sk_test_abc123",
      STRIPE_WEBHOOK_SECRET: "whsec_abc",
      STRIPE_PRICE_PROFESSIONAL: "price_pro",
      STRIPE_METERED_PRICE_PROFESSIONAL: "price_pro_tokens",
      STRIPE_API_BASE: "http://127.0.0.1:12111",
      STRIPE_TIMEOUT_MS: "2500",
    });
    expect(config.provider).toBe("stripe");
    expect(config.stripe).toMatchObject({
      fixedPrices: { professional: "price_pro" },
      meteredPrices: { professional: "price_pro_tokens" },
      meterEventName: "ai_tokens",
      api: { host: "127.0.0.1", port: 12111, protocol: "http" },
      timeoutMs: 2500,
    });
  });

  it("refuses a key without a webhook secret, and bad values, naming the variable but never its value", () => {
    expect(() => parseBillingConfig({ STRIPE_SECRET_KEY: "sk_test_abc123" })).toThrow(/STRIPE_WEBHOOK_SECRET/);
    for (const [name, value] of [
      ["STRIPE_SECRET_KEY", "pk_test_public_key_oops"],
      ["STRIPE_WEBHOOK_SECRET", "secret-without-prefix"],
      ["STRIPE_API_BASE", "not a url"],
      ["STRIPE_TIMEOUT_MS", "soon"],
    ] as const) {
      const env: Record<string, string> = { STRIPE_SECRET_KEY: "sk_test_abc123", STRIPE_WEBHOOK_SECRET: "whsec_abc", [name]: value };
      let message = "";
      try {
        parseBillingConfig(env);
      } catch (error) {
        message = error instanceof Error ? error.message : String(error);
      }
      expect(message).toContain(name);
      expect(message).not.toContain(value);
    }
  });
});
