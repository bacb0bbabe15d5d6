/**
 * Starts the app the way a newcomer (or a self-hoster) runs it:
 *   0. checks the configuration (src/server/env.ts) before anything else:
 *      NODE_ENV=production → every problem, a missing secret included, stops it
 *      with one line each; otherwise the embedded defaults fill what is missing
 *   1. DATABASE_URL set → that server; unset → the embedded PGlite under .data/
 *   2. refuses to start, with one clear line, if the database cannot be reached
 *   3. applies pending migrations (all or nothing per migration)
 *   4. seeds the demo data into an empty database (--seed-if-empty)
 *   5. runs `next start` (or `next dev` with --dev) and prints the URL and logins
 * Flags: --dev, --seed-if-empty, --no-app (prepare the database and exit).
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { startEmbeddedDatabase, type EmbeddedDatabase } from "../src/server/db/embedded";
import { applyMigrations } from "../src/server/db/migrate";
import { checkDatabaseReachable } from "../src/server/db/preflight";
import { describeDatabaseUrl } from "../src/server/db/redact";
import { checkEnv, fillDevelopmentDefaults, generateSecret, startupMode, type DefaultSecret } from "../src/server/env";

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

/** Development secrets are kept under .data/ so sessions and sealed PII maps survive a restart. */
const SECRET_FILES: Record<DefaultSecret, string> = { AUTH_SECRET: "auth-secret", PII_ENCRYPTION_KEY: "pii-key" };

function persistedSecret(key: DefaultSecret): string {
  const file = path.join(DATA_DIR, SECRET_FILES[key]);
  mkdirSync(DATA_DIR, { recursive: true });
  if (!existsSync(file)) writeFileSync(file, generateSecret(key), { mode: 0o600 });
  return readFileSync(file, "utf8").trim();
}

/**
 * Step 0. Returns whether the embedded database is to be used. Values are never
 * printed: the problems name the variable and what is wrong with it.
 */
function checkConfiguration(): boolean {
  const mode = startupMode(process.env);
  const defaults: string[] = [];
  let embedded = false;
  if (mode === "development") {
    for (const key of fillDevelopmentDefaults(process.env, persistedSecret)) defaults.push(`${key} (.data/${SECRET_FILES[key]})`);
    if (!process.env.DATABASE_URL?.trim()) {
      embedded = true;
      defaults.push("DATABASE_URL (embedded PGlite in .data/pglite)");
      if (process.env.DEV_MAILBOX === undefined) defaults.push("DEV_MAILBOX=on");
    }
  }
  const { problems } = checkEnv(process.env, mode);
  if (problems.length > 0) {
    console.error(`✗ Invalid configuration (${problems.length} ${problems.length === 1 ? "problem" : "problems"}):`);
    for (const problem of problems) console.error(`✗ ${problem}`);
    process.exit(1);
  }
  if (defaults.length > 0) console.log(`• Using embedded defaults for: ${defaults.join(", ")}`);
  return embedded;
}

async function main(): Promise<void> {
  loadDotEnv();
  const useEmbedded = checkConfiguration();
  let embedded: EmbeddedDatabase | undefined;
  if (useEmbedded) {
    const port = Number(process.env.EMBEDDED_DB_PORT?.trim() || 54329);
    console.log(`• Starting the embedded database (PGlite + pgvector) on port ${port}`);
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
