import type { LimitResult } from "./types";

/**
 * The response headers for a limit result: RateLimit-* (IETF draft, reset in
 * seconds from now) always, Retry-After when the request was refused.
 */
export function rateLimitHeaders(result: LimitResult, now: number = Date.now()): Record<string, string> {
  const headers: Record<string, string> = {
    "RateLimit-Limit": String(result.limit),
    "RateLimit-Remaining": String(Math.max(0, result.remaining)),
    "RateLimit-Reset": String(Math.max(0, Math.ceil((result.resetAt - now) / 1000))),
  };
  if (!result.success) headers["Retry-After"] = String(Math.max(1, result.retryAfterSeconds));
  return headers;
}
