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
  if (candidate.length > 64) return null;
  const version = isIP(candidate);
  if (version === 4) return candidate;
  if (version === 6) return ipv6Bucket(candidate.toLowerCase());
  return null;
}

/**
 * An IPv6 client is counted by its /64: one subscriber usually holds a whole
 * /64, so counting single addresses would give each of them 2^64 buckets. An
 * IPv4-mapped address (::ffff:1.2.3.4) is the IPv4 address it carries.
 */
function ipv6Bucket(address: string): string | null {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(address);
  if (mapped?.[1]) return mapped[1];
  let text = address;
  const embedded = /(\d{1,3}(?:\.\d{1,3}){3})$/.exec(text);
  if (embedded?.[1]) {
    const [a = 0, b = 0, c = 0, d = 0] = embedded[1].split(".").map(Number);
    text = `${text.slice(0, -embedded[1].length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const halves = text.split("::");
  if (halves.length > 2) return null;
  const left = halves[0] ? halves[0].split(":") : [];
  const right = halves.length === 2 && halves[1] ? halves[1].split(":") : [];
  const groups = [...left, ...Array<string>(halves.length === 2 ? 8 - left.length - right.length : 0).fill("0"), ...right];
  if (groups.length !== 8) return null;
  return `${groups
    .slice(0, 4)
    .map((group) => parseInt(group, 16).toString(16))
    .join(":")}::/64`;
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
