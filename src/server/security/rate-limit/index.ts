import type { RateLimitIdentity } from "./identity";
import { createRateLimiterFromEnv, type RateLimiter } from "./limiter";
import type { PolicyName } from "./policies";
import type { LimitResult } from "./types";

export { clientIpFrom, rateLimitKey, UNKNOWN_CLIENT, type IdentityKind, type RateLimitIdentity } from "./identity";
export { createRateLimiter, createRateLimiterFromEnv, type RateLimiter } from "./limiter";
export { DEFAULT_POLICIES, POLICY_NAMES, type PolicyName, type RateLimitPolicies, type RateLimitPolicy } from "./policies";
export { rateLimitHeaders } from "./headers";
export { createRequestRateLimitState, noteLimitResult, type RequestRateLimitState } from "./request-state";
export type { LimitResult } from "./types";

let current: RateLimiter | undefined;

/** The process's limiter, built from the environment on first use (one store connection per process). */
export function getRateLimiter(): RateLimiter {
  current ??= createRateLimiterFromEnv(process.env);
  return current;
}

/** Tests swap the limiter (a short window, a store that is down); null goes back to the environment's. */
export function setRateLimiterForTests(limiter: RateLimiter | null): void {
  current = limiter ?? undefined;
}

/**
 * The one entry point: count a request of `identity` under `policy`
 * (`api`, `ai`, `auth`). Callers refuse the request when `success` is false and
 * tell the client `retryAfterSeconds`.
 */
export function limit(policy: PolicyName, identity: RateLimitIdentity): Promise<LimitResult> {
  return getRateLimiter().limit(policy, identity);
}
