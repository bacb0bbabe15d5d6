import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "@/server/api/root";
import { createHttpContext } from "@/server/api/http-context";
import type { Context } from "@/server/api/trpc";
import { describeError } from "@/server/log";
import { rateLimitHeaders } from "@/server/security/rate-limit";

/**
 * The tRPC endpoint's handler. `createContext` is replaceable so tests can drive
 * the real handler (limits, headers, error shapes) without a signed-in cookie.
 */
export function handleTrpcRequest(req: Request, createContext: () => Promise<Context> = () => createHttpContext(req.headers, { rateLimited: true })) {
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    // One HTTP request may not fan out into an unbounded number of calls.
    maxBatchSize: 10,
    // Calls over this endpoint count against the rate limits (per user, else per client IP).
    createContext,
    // The limiter's verdict as headers: RateLimit-* always, Retry-After on a refusal
    // (the refused call itself answers 429 TOO_MANY_REQUESTS).
    responseMeta({ ctx }) {
      const state = ctx?.rateLimit;
      const result = state?.refused ?? state?.tightest;
      return result ? { headers: new Headers(rateLimitHeaders(result)) } : {};
    },
    onError({ error, path, ctx }) {
      if (error.code === "INTERNAL_SERVER_ERROR") {
        // The input is never logged: it may hold passwords or personal data.
        console.error(`[trpc] ${path ?? "?"} failed (request ${ctx?.requestId ?? "?"}): ${describeError(error.cause ?? error)}`);
      }
    },
  });
}
