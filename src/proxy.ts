import { NextResponse, type NextRequest } from "next/server";
import { safeCallbackUrl } from "@/lib/safe-redirect";

/**
 * Dashboard pages: a visitor without a session cookie goes to sign-in and comes
 * back after. Whether the cookie holds a valid session is decided by the
 * dashboard layout (auth()), which redirects the same way: this is only the
 * cheap first check, and it passes the path on for that redirect.
 */
const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];
export const PATHNAME_HEADER = "x-ebos-pathname";

export function proxy(request: NextRequest) {
  const path = safeCallbackUrl(`${request.nextUrl.pathname}${request.nextUrl.search}`);
  const hasSession = SESSION_COOKIES.some((name) => request.cookies.has(name) || request.cookies.has(`${name}.0`));
  if (!hasSession) {
    const url = new URL("/sign-in", request.nextUrl.origin);
    url.searchParams.set("callbackUrl", path);
    return NextResponse.redirect(url);
  }
  const headers = new Headers(request.headers);
  headers.set(PATHNAME_HEADER, path);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  matcher: [
    "/dashboard/:path*",
    "/projects/:path*",
    "/teams/:path*",
    "/settings/:path*",
    "/notifications/:path*",
    "/mailbox/:path*",
    "/onboarding/:path*",
    "/platform/:path*",
  ],
};
