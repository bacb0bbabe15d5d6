// Points the Prisma CLI at the WASM-backed schema engine stand-in when no native
// `schema-engine` binary is installed (it cannot be downloaded on this offline machine).
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ENV_VAR = "PRISMA_SCHEMA_ENGINE_BINARY";
const LEGACY_ENV_VAR = "PRISMA_MIGRATION_ENGINE_BINARY";

function engineDir(): string {
  // prisma.config.ts is loaded by the CLI through jiti, which provides import.meta.url;
  // vitest/tsx (ESM) provide it too.
  return path.dirname(fileURLToPath(import.meta.url));
}

function hasNativeEngine(dir: string): boolean {
  try {
    return readdirSync(dir).some((name) => name.startsWith("schema-engine-") && !name.endsWith(".sha256") && !name.endsWith(".gz"));
  } catch {
    return false;
  }
}

/** Absolute path of the stand-in executable. */
export function schemaEngineStandInPath(): string {
  return path.join(engineDir(), "schema-engine.mjs");
}

/**
 * Sets PRISMA_SCHEMA_ENGINE_BINARY to the stand-in unless the variable is already set or
 * a native engine is installed where the Prisma CLI looks for one
 * (node_modules/@prisma/engines/schema-engine-* or node_modules/prisma/schema-engine-*).
 */
export function selectSchemaEngine(): void {
  if (process.env[ENV_VAR] || process.env[LEGACY_ENV_VAR]) return;
  const projectRoot = path.resolve(engineDir(), "..", "..");
  const candidates = [
    path.join(projectRoot, "node_modules", "@prisma", "engines"),
    path.join(projectRoot, "node_modules", "prisma"),
    path.join(projectRoot, "node_modules", "prisma", "runtime"),
  ];
  if (candidates.some(hasNativeEngine)) return;
  const standIn = schemaEngineStandInPath();
  if (existsSync(standIn)) process.env[ENV_VAR] = standIn;
}
