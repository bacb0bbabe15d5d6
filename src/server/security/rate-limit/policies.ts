import { z } from "zod";

/**
 * The rate-limit policies, in one place. Each is a sliding window: at most
 * `limit` requests per `windowMs`, counted per identity (user, else client IP;
 * an API key later). `onStoreDown` says what happens when the shared store
 * (Redis / Upstash) cannot be reached: general traffic fails open (an outage of
 * the limiter must not take the app down), auth keeps limiting in this process's
 * memory (a store outage must not open the door to password guessing).
 */
export const POLICY_NAMES = ["api", "ai", "auth"] as const;
export type PolicyName = (typeof POLICY_NAMES)[number];

const ZPolicy = z.object({
  limit: z.number().int().min(1).max(1_000_000),
  windowMs: z.number().int().min(100).max(24 * 60 * 60 * 1000),
  onStoreDown: z.enum(["open", "memory"]),
});
export type RateLimitPolicy = z.infer<typeof ZPolicy>;

export const ZPolicies = z.object({ api: ZPolicy, ai: ZPolicy, auth: ZPolicy });
export type RateLimitPolicies = z.infer<typeof ZPolicies>;

export const DEFAULT_POLICIES: RateLimitPolicies = ZPolicies.parse({
  api: { limit: 100, windowMs: 10_000, onStoreDown: "open" },
  // AI calls cost tokens and seconds of provider time: far fewer per user.
  ai: { limit: 20, windowMs: 60_000, onStoreDown: "open" },
  auth: { limit: 10, windowMs: 60_000, onStoreDown: "memory" },
});

/** "100/10s", "20/1m", "5/500ms": an operator's override of a policy's numbers. */
export const ZRate = z
  .string()
  .trim()
  .refine((v) => /^\d{1,7}\s*\/\s*\d{1,6}\s*(ms|s|m|h)$/.test(v), "must look like 100/10s (units ms, s, m, h)")
  .transform((text) => {
    const [count = "0", window = ""] = text.split("/").map((part) => part.trim());
    const match = /^(\d+)\s*(ms|s|m|h)$/.exec(window);
    const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[match?.[2] ?? "s"] ?? 1000;
    return { limit: Number(count), windowMs: Number(match?.[1] ?? 0) * unit };
  });

const optional = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === "" ? undefined : value.trim()));

/** The variables this module reads; see the report / .env.example. */
export const ZRateLimitEnv = z.object({
  UPSTASH_REDIS_REST_URL: optional.pipe(z.url("UPSTASH_REDIS_REST_URL must be an https:// URL.").optional()),
  UPSTASH_REDIS_REST_TOKEN: optional,
  // refine, not regex(…, text): these texts are for operators, not translated app messages.
  REDIS_URL: optional.pipe(z.string().refine((v) => /^rediss?:\/\//.test(v), "REDIS_URL must be a redis:// or rediss:// URL.").optional()),
  RATE_LIMIT_PREFIX: optional.pipe(z.string().refine((v) => /^[A-Za-z0-9:_-]{1,40}$/.test(v), "RATE_LIMIT_PREFIX: letters, digits, : _ - only.").optional()),
  RATE_LIMIT_STORE_TIMEOUT_MS: optional
    .transform((value) => (value === undefined ? undefined : Number(value)))
    .pipe(z.number("RATE_LIMIT_STORE_TIMEOUT_MS must be a number of milliseconds.").int().min(50).max(5000).optional()),
  RATE_LIMIT_API: optional.pipe(ZRate.optional()),
  RATE_LIMIT_AI: optional.pipe(ZRate.optional()),
  RATE_LIMIT_AUTH: optional.pipe(ZRate.optional()),
});
export type RateLimitEnv = z.infer<typeof ZRateLimitEnv>;

export function parseRateLimitEnv(source: Record<string, string | undefined>): RateLimitEnv {
  const result = ZRateLimitEnv.safeParse(source);
  if (!result.success) {
    throw new Error(`Invalid rate-limit configuration: ${result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  }
  if (Boolean(result.data.UPSTASH_REDIS_REST_URL) !== Boolean(result.data.UPSTASH_REDIS_REST_TOKEN)) {
    throw new Error("Invalid rate-limit configuration: set both UPSTASH_REDIS_REST_URL and UPSTASH_REDIS_REST_TOKEN, or neither.");
  }
  return result.data;
}

/** The defaults with the operator's overrides applied (validated again as a whole). */
export function policiesFrom(env: RateLimitEnv): RateLimitPolicies {
  return ZPolicies.parse({
    api: { ...DEFAULT_POLICIES.api, ...env.RATE_LIMIT_API },
    ai: { ...DEFAULT_POLICIES.ai, ...env.RATE_LIMIT_AI },
    auth: { ...DEFAULT_POLICIES.auth, ...env.RATE_LIMIT_AUTH },
  });
}
