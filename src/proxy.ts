import createIntlMiddleware from "next-intl/middleware";
import { NextResponse, type NextRequest } from "next/server";
import { routing } from "@/i18n/routing";
import { safeCallbackUrl } from "@/lib/safe-redirect";
import { corsFor, parseAllowedOrigins } from "@/server/security/headers/cors";
import { authPolicy, createNonce, pagePolicy, resourcePolicy } from "@/server/security/headers/csp";
import { securityHeaders } from "@/server/security/headers/security-headers";

/**
 * Runs for every request but Next's static assets.
 *
 * Every response gets the security headers (CSP, nosniff, frame and referrer
 * policies, HSTS in production). App pages get a CSP with a fresh script nonce;
 * API answers and public files a policy under which nothing runs. /api/v1/* gets
 * CORS for the origins in CORS_ALLOWED_ORIGINS.
 *
 * App pages only (not the API, not files such as /.well-known/security.txt):
 * 1. Locale routing (next-intl): every page lives under /en or /id; a path
 *    without one is redirected to the visitor's language.
 * 2. Signed-out visitors of app pages go to sign-in and come back after. Whether
 *    the cookie holds a valid session is decided by the layouts (auth()), which
 *    redirect the same way: this is only the cheap first check.
 */
const production = process.env.NODE_ENV === "production";

// next-intl's locale cookie: SameSite=Lax is its default; Secure in production.
const intl = createIntlMiddleware({ ...routing, localeCookie: { sameSite: "lax", secure: production } });

const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];
const PROTECTED = /^\/(en|id)\/(dashboard|projects|invoices|documents|chat|ai-usage|teams|settings|notifications|mailbox|onboarding|platform)(\/|$)/;
/** Not a page: the API, Next's internals, and any path with a dot (public files, /.well-known/*). */
const NOT_A_PAGE = /^\/(api|_next|_vercel)(\/|$)|\./;
const AUTH_API = /^\/api\/auth(\/|$)/;

// Read per request (cheaply cached) so a changed environment is picked up in tests.
let originsCache: { raw: string | undefined; origins: ReadonlySet<string> } | null = null;
function allowedOrigins(): ReadonlySet<string> {
  const raw = process.env.CORS_ALLOWED_ORIGINS;
  if (originsCache === null || originsCache.raw !== raw) originsCache = { raw, origins: parseAllowedOrigins(raw) };
  return originsCache.origins;
}

function isHttps(request: NextRequest): boolean {
  const forwarded = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim();
  return (forwarded ?? request.nextUrl.protocol.replace(/:$/, "")) === "https";
}

function withHeaders<T extends Response>(response: T, headers: Record<string, string>): T {
  for (const [name, value] of Object.entries(headers)) {
    // Vary may already name other headers (e.g. from next-intl): add, do not replace.
    if (name === "Vary") response.headers.append(name, value);
    else response.headers.set(name, value);
  }
  return response;
}

function routePage(request: NextRequest): NextResponse {
  const response = intl(request);
  const { pathname, search } = request.nextUrl;
  if (!PROTECTED.test(pathname) || response.headers.has("location")) return response;
  const locale = pathname.split("/")[1] ?? routing.defaultLocale;
  const hasSession = SESSION_COOKIES.some((name) => request.cookies.has(name) || request.cookies.has(`${name}.0`));
  if (hasSession) return response;
  const url = new URL(`/${locale}/sign-in`, request.nextUrl.origin);
  url.searchParams.set("callbackUrl", safeCallbackUrl(`${pathname}${search}`));
  return NextResponse.redirect(url);
}

function page(request: NextRequest): NextResponse {
  const nonce = createNonce();
  const policy = pagePolicy({ nonce, production, https: isHttps(request) });
  // Next takes the nonce for its own scripts from the request's CSP header, and
  // the layout reads x-nonce for the theme script. Both overwrite anything the
  // client sent. next-intl forwards a copy of these request headers to the page.
  request.headers.set("content-security-policy", policy);
  request.headers.set("x-nonce", nonce);
  return withHeaders(routePage(request), securityHeaders({ contentSecurityPolicy: policy, production }));
}

function resource(request: NextRequest): NextResponse {
  const { pathname } = request.nextUrl;
  const policy = AUTH_API.test(pathname) ? authPolicy() : resourcePolicy();
  const headers = securityHeaders({ contentSecurityPolicy: policy, production });
  const cors = corsFor(
    {
      pathname,
      method: request.method,
      origin: request.headers.get("origin"),
      requestMethod: request.headers.get("access-control-request-method"),
    },
    allowedOrigins(),
  );
  if (cors?.preflight) return withHeaders(new NextResponse(null, { status: 204 }), { ...headers, ...cors.headers });
  return withHeaders(NextResponse.next(), { ...headers, ...cors?.headers });
}

export function proxy(request: NextRequest): NextResponse {
  return NOT_A_PAGE.test(request.nextUrl.pathname) ? resource(request) : page(request);
}

export const config = {
  // Everything but Next's build output and image optimiser, which Next answers
  // itself with immutable caching (and the dev server's HMR socket).
  matcher: ["/((?!_next/static|_next/image|_next/webpack-hmr).*)"],
};
