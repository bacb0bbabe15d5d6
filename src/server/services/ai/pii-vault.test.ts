import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { maskPII } from "./pii";
import { openPiiMap, parsePiiKey, piiKeyFromEnv, PiiVaultError, sealPiiMap } from "./pii-vault";

const HEX_KEY = "a".repeat(64);

describe("the PII vault", () => {
  const { entities } = maskPII("Budi budi@example.com, 0812-3456-7890, NIK 3201014508900001");

  it("round-trips a map and never shows the values in the sealed form", () => {
    const sealed = sealPiiMap(entities, HEX_KEY);
    expect(sealed).toMatch(/^pii\.v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(sealed).not.toContain("budi");
    expect(openPiiMap(sealed, HEX_KEY)).toEqual(entities);
    expect(openPiiMap(sealPiiMap([], HEX_KEY), HEX_KEY)).toEqual([]);
  });

  it("uses a fresh IV every time", () => {
    expect(sealPiiMap(entities, HEX_KEY)).not.toBe(sealPiiMap(entities, HEX_KEY));
  });

  it("accepts the key as hex, base64 or bytes", () => {
    const bytes = randomBytes(32);
    const sealed = sealPiiMap(entities, bytes);
    expect(openPiiMap(sealed, bytes.toString("hex"))).toEqual(entities);
    expect(openPiiMap(sealed, bytes.toString("base64"))).toEqual(entities);
    expect(openPiiMap(sealed, bytes.toString("base64url"))).toEqual(entities);
  });

  it("fails with another key", () => {
    const sealed = sealPiiMap(entities, HEX_KEY);
    expect(() => openPiiMap(sealed, "b".repeat(64))).toThrow(PiiVaultError);
    expect(() => openPiiMap(sealed, "b".repeat(64))).toThrow(/changed, or sealed with another key/);
  });

  it("fails when any part was tampered with", () => {
    const sealed = sealPiiMap(entities, HEX_KEY);
    const [version, format, iv, tag, data] = sealed.split(".") as [string, string, string, string, string];
    const flip = (text: string) => {
      const bytes = Buffer.from(text, "base64url");
      bytes[0] = (bytes[0] ?? 0) ^ 1;
      return bytes.toString("base64url");
    };
    for (const tampered of [
      [version, format, iv, tag, flip(data)],
      [version, format, flip(iv), tag, data],
      [version, format, iv, flip(tag), data],
    ]) {
      expect(() => openPiiMap(tampered.join("."), HEX_KEY)).toThrow(/changed, or sealed with another key/);
    }
    expect(() => openPiiMap(["pii", "v2", iv, tag, data].join("."), HEX_KEY)).toThrow(/format/);
    expect(() => openPiiMap("not a map", HEX_KEY)).toThrow(PiiVaultError);
    expect(() => openPiiMap([version, format, iv, tag.slice(0, 8), data].join("."), HEX_KEY)).toThrow(/damaged/);
  });

  it("explains a malformed key without echoing it", () => {
    expect(() => parsePiiKey("abc123")).toThrow(/must be 32 bytes.*decodes to 4 bytes/);
    expect(() => parsePiiKey("not a key!")).toThrow(/64 hex characters or as base64/);
    expect(() => parsePiiKey(randomBytes(16).toString("hex"))).toThrow(/decodes to 24 bytes/);
    expect(() => sealPiiMap(entities, Buffer.alloc(16))).toThrow(/32 bytes \(got 16\)/);
    const error = (() => {
      try {
        parsePiiKey("secret-value!");
        return null;
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(PiiVaultError);
    expect(String(error)).not.toContain("secret-value");
    expect(() => piiKeyFromEnv({ PII_ENCRYPTION_KEY: "short" })).toThrow(/PII_ENCRYPTION_KEY must be 32 bytes/);
  });

  it("reads the key from the environment, or uses one random key per process", () => {
    const bytes = randomBytes(32);
    expect(piiKeyFromEnv({ PII_ENCRYPTION_KEY: bytes.toString("hex") }).equals(bytes)).toBe(true);
    expect(piiKeyFromEnv({ PII_ENCRYPTION_KEY: ` ${bytes.toString("base64")} ` }).equals(bytes)).toBe(true);
    const fallback = piiKeyFromEnv({ NODE_ENV: "development" });
    expect(fallback).toHaveLength(32);
    expect(piiKeyFromEnv({}).equals(fallback)).toBe(true);
  });
});
