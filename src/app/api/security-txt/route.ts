import { AuthGroup, SecurityGroup } from "@/server/env";
import { securityTxt } from "@/server/security/disclosure/security-txt";

const ZSecurityTxtEnv = SecurityGroup.pick({ SECURITY_CONTACT: true, SECURITY_POLICY_URL: true }).extend(AuthGroup.pick({ AUTH_URL: true }).shape);

/** Served at /.well-known/security.txt (a rewrite in next.config.ts). */
export function GET(request: Request): Response {
  // A malformed value stops the server at start-up (env.ts); here it only falls back to the defaults.
  const parsed = ZSecurityTxtEnv.safeParse(process.env);
  const env = parsed.success ? parsed.data : {};
  const origin = env.AUTH_URL ? new URL(env.AUTH_URL).origin : new URL(request.url).origin;
  const body = securityTxt({ origin, contact: env.SECURITY_CONTACT, policyUrl: env.SECURITY_POLICY_URL, now: new Date() });
  // Built from the request's host when AUTH_URL is unset: a shared cache must not keep it for other hosts.
  const cacheControl = env.AUTH_URL ? "public, max-age=3600" : "no-store";
  return new Response(body, { headers: { "content-type": "text/plain; charset=utf-8", "cache-control": cacheControl } });
}
