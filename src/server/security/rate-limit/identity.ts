import { createHash } from "node:crypto";
import { isIP } from "node:net";

/**
 * Who a request is counted against. `apiKey` is reserved for API keys (not issued
 * yet): the kind is part of the key, so the kinds never share a bucket.
 */
export type IdentityKind = "user" | "ip" | "apiKey";
export type RateLimitIdentity = { kind: IdentityKind; value: string };

/** The bucket for requests whose client address cannot be told. */
export const UNKNOWN_CLIENT = "unknown";

// A longer header is not a proxy chain but an attack on the parser: ignored.
const MAX_FORWARDED_LENGTH = 2048;
const MAX_FORWARDED_ENTRIES = 32;

/** "1.2.3.4", "1.2.3.4:5678", "[::1]:443", "::1" → the bare address, or null. */
function bareAddress(raw: string): string | null {
  let candidate = raw.trim();
  if (candidate.startsWith("[")) {
    const end = candidate.indexOf("]");
    candidate = end > 0 ? candidate.slice(1, end) : "";
  } else if (/^\d{1,3}(\.\d{1,3}){3}:\d{1,5}$/.test(candidate)) {
    candidate = candidate.slice(0, candidate.lastIndexOf(":"));
  }
  return candidate.length <= 64 && isIP(candidate) !== 0 ? candidate.toLowerCase() : null;
}

type HeaderSource = { get(name: string): string | null };

/**
 * The client address: the first valid address in X-Forwarded-For, else
 * X-Real-IP, else the shared "unknown" bucket. Never throws, whatever the
 * headers hold. (Next's server fills X-Forwarded-For from the socket when the
 * client did not send one.)
 */
export function clientIpFrom(headers: HeaderSource): string {
  try {
    const forwarded = headers.get("x-forwarded-for");
    if (forwarded && forwarded.length <= MAX_FORWARDED_LENGTH) {
      for (const part of forwarded.split(",").slice(0, MAX_FORWARDED_ENTRIES)) {
        const address = bareAddress(part);
        if (address) return address;
      }
    }
    const real = headers.get("x-real-ip");
    const address = real && real.length <= 128 ? bareAddress(real) : null;
    return address ?? UNKNOWN_CLIENT;
  } catch {
    return UNKNOWN_CLIENT;
  }
}

const SAFE_VALUE = /^[A-Za-z0-9:._-]{1,128}$/;

/**
 * The store key of one identity under one policy. Values that are long or hold
 * odd characters are hashed, so a key stays short and never carries raw input.
 */
export function rateLimitKey(prefix: string, policy: string, identity: RateLimitIdentity): string {
  const value = SAFE_VALUE.test(identity.value)
    ? identity.value
    : `h.${createHash("sha256").update(identity.value).digest("hex").slice(0, 32)}`;
  return `${prefix}:${policy}:${identity.kind}:${value}`;
}
