import type { NextRequest } from "next/server";
import { handlers } from "@/server/auth";
import { clientIpFrom, limit, rateLimitHeaders } from "@/server/security/rate-limit";

export const { GET } = handlers;

/**
 * Auth.js's own POST endpoints (the credentials callback calls authorize
 * directly, without the sign-in action) pass the same strict per-address limit
 * as the sign-in and sign-up actions, so password checks cannot be driven here
 * at will.
 */
export async function POST(request: NextRequest): Promise<Response> {
  const result = await limit("auth", { kind: "ip", value: clientIpFrom(request.headers) });
  if (!result.success) {
    return new Response("Too many requests. Please wait and try again.", {
      status: 429,
      headers: { "content-type": "text/plain; charset=utf-8", ...rateLimitHeaders(result) },
    });
  }
  return handlers.POST(request);
}
