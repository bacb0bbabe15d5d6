import createIntlMiddleware from "next-intl/middleware";
import { NextResponse, type NextRequest } from "next/server";
import { routing } from "@/i18n/routing";
import { safeCallbackUrl } from "@/lib/safe-redirect";

/**
 * 1. Locale routing (next-intl): every page lives under /en or /id; a path
 *    without one is redirected to the visitor's language.
 * 2. Signed-out visitors of app pages go to sign-in and come back after. Whether
 *    the cookie holds a valid session is decided by the layouts (auth()), which
 *    redirect the same way: this is only the cheap first check.
 */
const intl = createIntlMiddleware(routing);

const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];
const PROTECTED = /^\/(en|id)\/(dashboard|projects|invoices|documents|chat|ai-usage|teams|settings|notifications|mailbox|onboarding|platform)(\/|$)/;

export function proxy(request: NextRequest) {
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

export const config = {
  // Everything but the API, Next's assets and files with an extension.
  matcher: ["/((?!api|_next|_vercel|.*\\..*).*)"],
};
