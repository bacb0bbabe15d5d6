/**
 * `npm run db:sync-tenants`: applies pending tenant-table changes (the live
 * `public` tables, as `prisma migrate` left them) to every SCHEMA-tier tenant,
 * with bounded concurrency, past failing tenants. Prints one line per tenant and
 * a summary; the report is stored (TenantSyncRun/TenantSyncResult). Exit code 1
 * when any tenant failed. Safe to re-run.
 * Flags: --concurrency N (default 4, at most 32), --team ID (repeatable).
 */
import { existsSync } from "node:fs";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..");

async function main(): Promise<number> {
  const envFile = path.join(ROOT, ".env");
  if (existsSync(envFile)) process.loadEnvFile(envFile);
  // Loaded after .env, so the database client sees DATABASE_URL.
  const { parseSyncTenantsArgs, formatSyncResult, formatSyncSummary, SYNC_USAGE } = await import("../src/server/services/tenancy/sync-cli");
  const args = parseSyncTenantsArgs(process.argv.slice(2));
  if (args.kind === "help") {
    console.log(SYNC_USAGE);
    return 0;
  }
  if (args.kind === "error") {
    console.error(`✗ ${args.message}\n${SYNC_USAGE}`);
    return 2;
  }
  const { syncTenantSchemas } = await import("../src/server/services/tenancy/sync");
  const { closeDb } = await import("../src/server/db/client");
  try {
    const report = await syncTenantSchemas({ concurrency: args.concurrency, teamIds: args.teamIds });
    for (const result of report.results) console.log(formatSyncResult(result));
    console.log(formatSyncSummary(report));
    return report.results.some((result) => result.outcome === "failed") ? 1 : 0;
  } finally {
    await closeDb();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`✗ ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
