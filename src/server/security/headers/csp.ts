/**
 * Content-Security-Policy strings. Pure functions (no Node or Next imports) so the
 * proxy can use them and unit tests can check them.
 */

/**
 * Origins a form may be submitted (or redirected) to. Without JavaScript, the
 * OAuth buttons' server action answers the form POST with a redirect to the
 * provider, and Chrome checks form-action against that redirect too.
 */
export const OAUTH_FORM_ORIGINS = ["https://github.com", "https://accounts.google.com"] as const;

export type PagePolicyOptions = {
  nonce: string;
  /** NODE_ENV === "production": no 'unsafe-eval' (React's dev overlay needs it). */
  production: boolean;
  /** The visitor came over HTTPS: sub-resources may then be upgraded safely. */
  https: boolean;
};

/** 16 random bytes, base64: unguessable and fresh for every request. */
export function createNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

function join(directives: ReadonlyArray<readonly [string, ...string[]]>): string {
  return directives.map((parts) => parts.join(" ")).join("; ");
}

/**
 * The policy of HTML pages. Scripts run only with the request's nonce (Next adds
 * it to its own scripts by reading this header from the request); 'strict-dynamic'
 * lets those scripts load the app's chunks. Styles keep 'unsafe-inline': React
 * renders style="" attributes (progress bars, label colours, dnd-kit transforms)
 * and a nonce cannot cover attributes; adding a nonce to style-src would also
 * make browsers ignore 'unsafe-inline'.
 */
export function pagePolicy({ nonce, production, https }: PagePolicyOptions): string {
  const scripts: [string, ...string[]] = ["script-src", "'self'", `'nonce-${nonce}'`, "'strict-dynamic'"];
  if (!production) scripts.push("'unsafe-eval'");
  const directives: Array<readonly [string, ...string[]]> = [
    ["default-src", "'self'"],
    scripts,
    ["style-src", "'self'", "'unsafe-inline'"],
    ["img-src", "'self'", "data:", "blob:"],
    ["font-src", "'self'", "data:"],
    ["connect-src", "'self'"],
    ["object-src", "'none'"],
    ["base-uri", "'self'"],
    ["form-action", "'self'", ...OAUTH_FORM_ORIGINS],
    ["frame-ancestors", "'none'"],
  ];
  // Only over HTTPS: on a plain-HTTP origin (local production build) upgrading
  // would send every asset request to a port that does not speak TLS.
  if (https) directives.push(["upgrade-insecure-requests"]);
  return join(directives);
}

/**
 * The policy of everything that is not an app page: API answers, downloads,
 * public files. Nothing in them may run or be framed; sandbox gives a response
 * an opaque origin, so even an HTML or SVG answer cannot act as this site. It
 * also keeps the guarantee of /api/documents/:id/file, whose own stricter header
 * Next drops when the proxy already set one.
 */
export function resourcePolicy(): string {
  return join([
    ["default-src", "'none'"],
    ["frame-ancestors", "'none'"],
    ["base-uri", "'none'"],
    ["form-action", "'none'"],
    ["sandbox"],
  ]);
}

/**
 * Auth.js's own HTML (its error and sign-out confirmation pages under /api/auth)
 * uses inline styles and posts forms to itself or the OAuth providers; no scripts.
 */
export function authPolicy(): string {
  return join([
    ["default-src", "'none'"],
    ["style-src", "'unsafe-inline'"],
    ["img-src", "'self'", "data:"],
    ["form-action", "'self'", ...OAUTH_FORM_ORIGINS],
    ["frame-ancestors", "'none'"],
    ["base-uri", "'none'"],
  ]);
}
