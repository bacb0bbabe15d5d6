/**
 * The security headers every response carries (set by src/proxy.ts). Pure: the
 * caller says whether this is production and which CSP applies.
 */

export type SecurityHeaderOptions = {
  contentSecurityPolicy: string;
  production: boolean;
};

/** Two years, subdomains included; no preload, which is a one-way commitment for the domain. */
export const HSTS = "max-age=63072000; includeSubDomains";

/** Powerful features the app never uses, disabled for it and any frame it might embed. */
export const PERMISSIONS_POLICY = [
  "camera=()",
  "microphone=()",
  "geolocation=()",
  "payment=()",
  "usb=()",
  "serial=()",
  "bluetooth=()",
  "magnetometer=()",
  "gyroscope=()",
  "accelerometer=()",
  "browsing-topics=()",
].join(", ");

export function securityHeaders({ contentSecurityPolicy, production }: SecurityHeaderOptions): Record<string, string> {
  const headers: Record<string, string> = {
    "Content-Security-Policy": contentSecurityPolicy,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": PERMISSIONS_POLICY,
    // Older browsers ignore frame-ancestors; this covers them.
    "X-Frame-Options": "DENY",
    // Another site's window.open() handle cannot reach into the app's window.
    "Cross-Origin-Opener-Policy": "same-origin",
  };
  // HSTS only in production: on localhost it would pin the browser to HTTPS for
  // every other project served there.
  if (production) headers["Strict-Transport-Security"] = HSTS;
  return headers;
}
