/**
 * The PII vault: the placeholder → value map that maskPII produces is itself
 * personal data, so whenever it has to be kept beyond one function call (between a
 * request and the job that finishes it, or across the turns of a conversation) it is
 * kept sealed: AES-256-GCM with a random 12-byte IV, authenticated, in a versioned
 * string
 *
 *   pii.v1.<iv base64url>.<auth tag base64url>.<ciphertext base64url>
 *
 * so the format (or the algorithm) can change later without misreading old maps.
 * Any change to the string, or the wrong key, fails authentication and throws.
 *
 * The key comes from PII_ENCRYPTION_KEY: 32 bytes, written as 64 hex characters or
 * as base64 of 32 bytes (`openssl rand -hex 32`).
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import type { PiiEntity, PiiType } from "./pii";
import { PII_TYPES } from "./pii";

const VERSION = "pii.v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;

/**
 * Raised for a malformed key or a map that does not open. Operator-facing and
 * never shown to readers (the tRPC formatter turns unknown errors into a generic
 * message); it never contains the key or the map.
 */
export class PiiVaultError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "PiiVaultError";
  }
}

/** Parses a key given as 64 hex characters or as base64 (standard or url-safe) of 32 bytes. */
export function parsePiiKey(raw: string): Buffer {
  const value = raw.trim();
  if (/^[0-9a-fA-F]{64}$/.test(value)) return Buffer.from(value, "hex");
  if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(value)) {
    const decoded = Buffer.from(value.replace(/-/g, "+").replace(/_/g, "/"), "base64");
    if (decoded.length === KEY_BYTES) return decoded;
    throw new PiiVaultError(
      `PII_ENCRYPTION_KEY must be 32 bytes: 64 hex characters or base64 of 32 bytes (this one decodes to ${decoded.length} bytes). Generate one with: openssl rand -hex 32`,
    );
  }
  throw new PiiVaultError(
    "PII_ENCRYPTION_KEY must be 32 bytes written as 64 hex characters or as base64. Generate one with: openssl rand -hex 32",
  );
}

let processKey: Buffer | null = null;
let warnedAboutProcessKey = false;

/**
 * The configured key, or — when PII_ENCRYPTION_KEY is not set — a random key made
 * once per process. That fallback is deliberate and safe because sealed maps only
 * live for a request or a conversation: after a restart an old map no longer opens
 * (openPiiMap throws) and the caller re-masks from the source text. Set the variable
 * when several processes must open each other's maps or maps must survive restarts.
 */
export function piiKeyFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): Buffer {
  const raw = env.PII_ENCRYPTION_KEY;
  if (raw !== undefined && raw.trim() !== "") return parsePiiKey(raw);
  if (env.NODE_ENV === "production" && !warnedAboutProcessKey) {
    warnedAboutProcessKey = true;
    console.warn("PII_ENCRYPTION_KEY is not set: sealed PII maps use a per-process key and do not survive a restart.");
  }
  processKey ??= randomBytes(KEY_BYTES);
  return processKey;
}

function resolveKey(key: Buffer | string | undefined): Buffer {
  if (key === undefined) return piiKeyFromEnv();
  const buffer = typeof key === "string" ? parsePiiKey(key) : key;
  if (buffer.length !== KEY_BYTES) {
    throw new PiiVaultError(`The PII key must be 32 bytes (got ${buffer.length}).`);
  }
  return buffer;
}

export function sealPiiMap(entities: readonly PiiEntity[], key?: Buffer | string): string {
  const keyBytes = resolveKey(key);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", keyBytes, iv, { authTagLength: TAG_BYTES });
  // The version is authenticated too: a map cannot be relabelled as another format.
  cipher.setAAD(Buffer.from(VERSION));
  const plaintext = Buffer.from(JSON.stringify(entities.map(({ type, placeholder, value }) => [type, placeholder, value])));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, iv.toString("base64url"), tag.toString("base64url"), ciphertext.toString("base64url")].join(".");
}

const TYPES = new Set<string>(PII_TYPES);

function isEntityTuple(value: unknown): value is [PiiType, string, string] {
  return (
    Array.isArray(value) &&
    value.length === 3 &&
    typeof value[0] === "string" &&
    TYPES.has(value[0]) &&
    typeof value[1] === "string" &&
    typeof value[2] === "string"
  );
}

export function openPiiMap(sealed: string, key?: Buffer | string): PiiEntity[] {
  const keyBytes = resolveKey(key);
  const parts = sealed.split(".");
  if (parts.length !== 5 || `${parts[0]}.${parts[1]}` !== VERSION) {
    throw new PiiVaultError("This sealed PII map is not in a format this version understands.");
  }
  const [, , ivText, tagText, dataText] = parts as [string, string, string, string, string];
  const iv = Buffer.from(ivText, "base64url");
  const tag = Buffer.from(tagText, "base64url");
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) {
    throw new PiiVaultError("This sealed PII map is damaged.");
  }
  let plaintext: Buffer;
  try {
    const decipher = createDecipheriv("aes-256-gcm", keyBytes, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(VERSION));
    decipher.setAuthTag(tag);
    plaintext = Buffer.concat([decipher.update(Buffer.from(dataText, "base64url")), decipher.final()]);
  } catch (error) {
    throw new PiiVaultError("This sealed PII map could not be opened: it was changed, or sealed with another key.", {
      cause: error,
    });
  }
  const parsed: unknown = JSON.parse(plaintext.toString("utf8"));
  if (!Array.isArray(parsed) || !parsed.every(isEntityTuple)) {
    throw new PiiVaultError("This sealed PII map is damaged.");
  }
  return parsed.map(([type, placeholder, value]) => ({ type, placeholder, value }));
}
