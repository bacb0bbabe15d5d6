import type { LimitResult } from "./types";

/**
 * What one HTTP request learned from the limiter, for its response headers: the
 * tightest result of its calls (a batch holds several) and the refusal, if any.
 */
export type RequestRateLimitState = {
  readonly clientIp: string;
  tightest: LimitResult | null;
  refused: LimitResult | null;
};

export function createRequestRateLimitState(clientIp: string): RequestRateLimitState {
  return { clientIp, tightest: null, refused: null };
}

export function noteLimitResult(state: RequestRateLimitState, result: LimitResult): void {
  if (!result.success) {
    if (!state.refused || result.retryAfterSeconds > state.refused.retryAfterSeconds) state.refused = result;
    return;
  }
  if (!state.tightest || result.remaining < state.tightest.remaining) state.tightest = result;
}
