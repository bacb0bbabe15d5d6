import { createHash } from "node:crypto";

/** Longest identifier PostgreSQL keeps (NAMEDATALEN - 1 bytes). */
const MAX_IDENTIFIER = 63;
const SAFE = /^[a-z0-9_]+$/;

/**
 * The schema that holds a SCHEMA-tier team's rows: `tenant_<teamId>`, with only
 * [a-z0-9_] so it can never need quoting tricks. Team ids are cuids (already
 * safe); any other id is sanitized and suffixed with a hash of the original, so
 * two ids that sanitize alike ("Ab" and "ab") still get different schemas.
 */
export function tenantSchemaName(teamId: string): string {
  if (typeof teamId !== "string" || teamId.length === 0) throw new Error("A tenant schema needs a team id.");
  const plain = `tenant_${teamId}`;
  if (SAFE.test(teamId) && plain.length <= MAX_IDENTIFIER) return plain;
  const hash = createHash("sha256").update(teamId).digest("hex").slice(0, 10);
  const sanitized = teamId.toLowerCase().replace(/[^a-z0-9_]/g, "_").slice(0, MAX_IDENTIFIER - "tenant_".length - hash.length - 1);
  return `tenant_${sanitized}_${hash}`;
}

export function isTenantSchemaName(name: string): boolean {
  return name.startsWith("tenant_") && SAFE.test(name) && name.length <= MAX_IDENTIFIER;
}

/** A double-quoted SQL identifier. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** A single-quoted SQL string literal (standard_conforming_strings is on since PostgreSQL 9.1). */
export function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
