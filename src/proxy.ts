import { NextResponse } from "next/server";
import { auth } from "@/server/auth";

/**
 * Signed-out visitors of dashboard pages go to sign-in and come back after. The
 * dashboard layout checks the session again: this is the friendly redirect, not
 * the only wall.
 */
export const proxy = auth((request) => {
  if (request.auth?.user) return NextResponse.next();
  const url = new URL("/sign-in", request.nextUrl.origin);
  url.searchParams.set("callbackUrl", `${request.nextUrl.pathname}${request.nextUrl.search}`);
  return NextResponse.redirect(url);
});

export const config = {
  matcher: ["/dashboard/:path*", "/projects/:path*", "/settings/:path*", "/platform/:path*"],
};
