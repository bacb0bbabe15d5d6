import { createHash } from "node:crypto";

/**
 * Storage keys are `<teamId>/<documentId>/<safe-name>`: the team comes first so
 * a team's files can be listed and removed together, and every segment is
 * limited to a safe alphabet so a key can never climb out of its directory
 * (no "..", no separators, no absolute paths) whatever the user named the file.
 */
const ID_SEGMENT = /^[A-Za-z0-9_-]{1,64}$/;
const NAME_SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

export class InvalidStorageKeyError extends Error {
  constructor() {
    super("Invalid storage key.");
    this.name = "InvalidStorageKeyError";
  }
}

/** An ASCII file name that is safe on every file system, keeping the extension. */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const dot = base.lastIndexOf(".");
  const stem = dot > 0 ? base.slice(0, dot) : base;
  const extension = dot > 0 ? base.slice(dot + 1) : "";
  const clean = (part: string) =>
    part
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[^A-Za-z0-9._-]+/g, "-")
      .replace(/\.{2,}/g, ".")
      .replace(/^[-._]+|[-._]+$/g, "");
  const safeStem = clean(stem).slice(0, 80) || "file";
  const safeExtension = clean(extension).replace(/\./g, "").slice(0, 10).toLowerCase();
  return safeExtension ? `${safeStem}.${safeExtension}` : safeStem;
}

export function documentStorageKey(teamId: string, documentId: string, fileName: string): string {
  const key = `${teamId}/${documentId}/${safeFileName(fileName)}`;
  parseStorageKey(key);
  return key;
}

/** The key's segments; throws for anything that is not exactly team/document/name in the safe alphabet. */
export function parseStorageKey(key: string): { teamId: string; documentId: string; name: string } {
  const parts = key.split("/");
  if (parts.length !== 3) throw new InvalidStorageKeyError();
  const [teamId = "", documentId = "", name = ""] = parts;
  if (!ID_SEGMENT.test(teamId) || !ID_SEGMENT.test(documentId) || !NAME_SEGMENT.test(name) || name.includes("..")) {
    throw new InvalidStorageKeyError();
  }
  return { teamId, documentId, name };
}

/** A fixed-length identifier for backends with their own id rules (UploadThing's customId). */
export function opaqueKeyId(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}
