/**
 * Starts the app the way a newcomer (or a self-hoster) runs it:
 *   1. DATABASE_URL set → that server; unset → the embedded PGlite under .data/
 *   2. refuses to start, with one clear line, if the database cannot be reached
 *   3. applies pending migrations (all or nothing per migration)
 *   4. seeds the demo data into an empty database (--seed-if-empty)
 *   5. runs `next start` (or `next dev` with --dev) and prints the URL and logins
 * Flags: --dev, --seed-if-empty, --no-app (prepare the database and exit).
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { startEmbeddedDatabase, type EmbeddedDatabase } from "../src/server/db/embedded";
import { applyMigrations } from "../src/server/db/migrate";
import { checkDatabaseReachable } from "../src/server/db/preflight";
import { describeDatabaseUrl } from "../src/server/db/redact";

const ROOT = path.resolve(import.meta.dirname, "..");
const DATA_DIR = path.join(ROOT, ".data");
const args = new Set(process.argv.slice(2));

function fail(message: string): never {
  console.error(`✗ ${message}`);
  process.exit(1);
}

function loadDotEnv(): void {
  const file = path.join(ROOT, ".env");
  if (existsSync(file)) process.loadEnvFile(file);
}

/** Auth.js needs a secret; the embedded default keeps a generated one under .data/. */
function ensureAuthSecret(): void {
  if (process.env.AUTH_SECRET) return;
  const file = path.join(DATA_DIR, "auth-secret");
  mkdirSync(DATA_DIR, { recursive: true });
  if (!existsSync(file)) {
    writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
    console.log("• AUTH_SECRET not set: generated one in .data/auth-secret (set AUTH_SECRET in production).");
  }
  process.env.AUTH_SECRET = readFileSync(file, "utf8").trim();
}

async function main(): Promise<void> {
  loadDotEnv();
  let embedded: EmbeddedDatabase | undefined;
  if (!process.env.DATABASE_URL) {
    const port = Number(process.env.EMBEDDED_DB_PORT ?? 54329);
    console.log(`• DATABASE_URL not set: starting the embedded database (PGlite + pgvector) in .data/pglite on port ${port}`);
    embedded = await startEmbeddedDatabase({ dataDir: path.join(DATA_DIR, "pglite"), port });
    process.env.DATABASE_URL = embedded.url;
    // PGlite has a single session: one pooled connection keeps per-connection settings truthful.
    process.env.DATABASE_POOL_MAX = "1";
    // Tier moves and per-schema pools need sessions of their own (src/server/db/single-session.ts).
    process.env.EMBEDDED_DATABASE = "pglite";
    // A local setup: show outgoing mail in the app (never on a real deployment, see dev-mailbox.ts).
    process.env.DEV_MAILBOX ??= "on";
  }
  const url = process.env.DATABASE_URL;
  if (!url) fail("DATABASE_URL is not set.");
  const reachable = await checkDatabaseReachable(url);
  if (!reachable.ok) fail(`${reachable.message} Set DATABASE_URL to a running PostgreSQL, or unset it to use the embedded database.`);
  console.log(`• Database: ${describeDatabaseUrl(url)}`);

  try {
    await applyMigrations(url);
    // Regions with a server of their own (DATABASE_URL_<REGION>) hold tenant rows too.
    const { migrateRegionDatabases } = await import("../src/server/db/tenancy/region-databases");
    await migrateRegionDatabases((line) => console.log(line));
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }

  if (args.has("--seed-if-empty")) {
    const { seedDemo, printDemoLogins } = await import("../prisma/seed");
    const { closeDb } = await import("../src/server/db/client");
    const { created } = await seedDemo();
    await closeDb();
    console.log(created ? "• Demo data seeded." : "• Demo data already present.");
    printDemoLogins((line) => console.log(`  ${line}`));
  }

  if (args.has("--no-app")) {
    await embedded?.stop();
    return;
  }

  ensureAuthSecret();
  const port = process.env.PORT ?? "3000";
  const host = process.env.HOST ?? "127.0.0.1";
  const nextBin = path.join(ROOT, "node_modules/next/dist/bin/next");
  const child = spawn(process.execPath, [nextBin, args.has("--dev") ? "dev" : "start", "-p", port, "-H", host], {
    cwd: ROOT,
    stdio: "inherit",
    env: process.env,
  });
  console.log(`\n▶ Enterprise Business OS on http://${host}:${port}\n`);
  const stop = (signal: NodeJS.Signals) => child.kill(signal);
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  child.on("exit", (code) => {
    void (async () => {
      await embedded?.stop();
      process.exit(code ?? 0);
    })();
  });
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
