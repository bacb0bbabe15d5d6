import { z } from "zod";

/**
 * CORS for the public API (/api/v1/*) only: origins listed in
 * CORS_ALLOWED_ORIGINS (comma-separated, e.g. "https://app.example.com,
 * https://admin.example.com") get their own origin echoed back; anyone else gets
 * no CORS headers, so the browser refuses to hand them the answer. Never "*", and
 * no Access-Control-Allow-Credentials: the public API is called with tokens, and
 * keeping cookies out means another site can never act with a user's session.
 */

export const CORS_PATH = /^\/api\/v1(\/|$)/;
export const ALLOWED_METHODS = "GET, POST, PUT, PATCH, DELETE, OPTIONS";
export const ALLOWED_HEADERS = "Authorization, Content-Type, Idempotency-Key";
/** Browsers cap this (Chrome at 2 h); 10 minutes keeps a removed origin's access short. */
export const PREFLIGHT_MAX_AGE = "600";

/** scheme://host[:port] over http(s), nothing more (a trailing slash is tolerated). */
function bareOrigin(value: string): string | null {
  if (!URL.canParse(value)) return null;
  const url = new URL(value);
  if (url.protocol !== "https:" && url.protocol !== "http:") return null;
  return url.origin === value.replace(/\/$/, "") ? url.origin : null;
}

const ZOrigin = z
  .string()
  .trim()
  .transform((value, context) => {
    const origin = bareOrigin(value);
    // No message: a rejected entry is dropped silently, never shown to anyone.
    if (origin === null) context.addIssue({ code: "custom", input: value });
    return origin ?? z.NEVER;
  });

/**
 * The allowed origins. A malformed entry is dropped rather than failing every
 * request: one typo must not switch the whole list off.
 */
export function parseAllowedOrigins(raw: string | undefined): ReadonlySet<string> {
  const parts = (raw ?? "").split(",").map((part) => part.trim()).filter((part) => part.length > 0);
  const origins = new Set<string>();
  for (const part of parts) {
    const parsed = ZOrigin.safeParse(part);
    if (parsed.success) origins.add(parsed.data);
  }
  return origins;
}

export type CorsRequest = {
  pathname: string;
  method: string;
  origin: string | null;
  /** Access-Control-Request-Method: present only on a preflight. */
  requestMethod: string | null;
};

export type CorsDecision = {
  /** A preflight to answer right away (204), without reaching any route. */
  preflight: boolean;
  headers: Record<string, string>;
};

export function corsFor(request: CorsRequest, allowed: ReadonlySet<string>): CorsDecision | null {
  if (!CORS_PATH.test(request.pathname)) return null;
  const preflight = request.method === "OPTIONS" && request.requestMethod !== null;
  // Caches must keep one answer per Origin, allowed or not.
  const headers: Record<string, string> = { Vary: "Origin" };
  if (request.origin && allowed.has(request.origin)) {
    headers["Access-Control-Allow-Origin"] = request.origin;
    if (preflight) {
      headers["Access-Control-Allow-Methods"] = ALLOWED_METHODS;
      headers["Access-Control-Allow-Headers"] = ALLOWED_HEADERS;
      headers["Access-Control-Max-Age"] = PREFLIGHT_MAX_AGE;
    }
  }
  return { preflight, headers };
}
