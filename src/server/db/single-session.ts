/**
 * The embedded PGlite database (npm run demo / dev without DATABASE_URL) serves a
 * single session: work that needs connections of its own — a tier migration's
 * copy, per-schema pools — cannot run there. The start script marks it.
 */
export const EMBEDDED_DATABASE_ENV = "EMBEDDED_DATABASE";

export function isSingleSessionDatabase(env: Readonly<Record<string, string | undefined>> = process.env): boolean {
  return env[EMBEDDED_DATABASE_ENV] === "pglite";
}
