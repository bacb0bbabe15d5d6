import { decode } from "next-auth/jwt";
import { TtlCache } from "../cache/ttl-cache";
import type { AppSession } from "../api/trpc";

/**
 * Reads the Auth.js session of an API request straight from its JWT cookie.
 *
 * Why not auth(): in a route handler it rebuilds the Auth.js configuration,
 * derives keys, decrypts, re-encrypts the token and runs the callbacks on every
 * call — most of the cost of a small API request. Decoding the cookie gives the
 * same session (the callbacks only copy `sub` and `activeTeamId`), and a token's
 * decoded form never changes, so it is cached until it expires (at most a
 * minute, bounded in size).
 */
export const SESSION_COOKIES = ["__Secure-authjs.session-token", "authjs.session-token"] as const;

const decoded = new TtlCache<AppSession | null>(10_000);
const MAX_CACHE_MS = 60_000;

function parseCookies(header: string | null): Map<string, string> {
  const cookies = new Map<string, string>();
  if (!header) return cookies;
  for (const part of header.split(";")) {
    const index = part.indexOf("=");
    if (index <= 0) continue;
    cookies.set(part.slice(0, index).trim(), part.slice(index + 1).trim());
  }
  return cookies;
}

/** The session token and the cookie name it came from (Auth.js splits big tokens into .0, .1, … chunks). */
function findToken(cookies: Map<string, string>): { name: string; token: string } | null {
  for (const name of SESSION_COOKIES) {
    const whole = cookies.get(name);
    if (whole) return { name, token: whole };
    const chunks: string[] = [];
    for (let i = 0; cookies.has(`${name}.${i}`); i++) chunks.push(cookies.get(`${name}.${i}`) ?? "");
    if (chunks.length > 0) return { name, token: chunks.join("") };
  }
  return null;
}

export async function readSession(headers: Headers, secret: string | undefined = process.env.AUTH_SECRET): Promise<AppSession | null> {
  if (!secret) return null;
  const found = findToken(parseCookies(headers.get("cookie")));
  if (!found || found.token.length > 16_384) return null;
  const now = Date.now();
  const cached = decoded.get(found.token, now);
  if (cached !== undefined) return cached;

  let session: AppSession | null = null;
  let expiresAt = now + MAX_CACHE_MS;
  try {
    const payload = await decode({ token: found.token, secret, salt: found.name });
    const exp = typeof payload?.exp === "number" ? payload.exp * 1000 : 0;
    if (payload?.sub && exp > now) {
      session = {
        user: {
          id: payload.sub,
          activeTeamId: typeof payload.activeTeamId === "string" ? payload.activeTeamId : null,
          email: typeof payload.email === "string" ? payload.email : null,
          name: typeof payload.name === "string" ? payload.name : null,
        },
      };
      expiresAt = Math.min(exp, expiresAt);
    }
  } catch {
    // A forged, truncated or old-secret token is simply no session.
    session = null;
  }
  decoded.set(found.token, session, expiresAt);
  return session;
}
