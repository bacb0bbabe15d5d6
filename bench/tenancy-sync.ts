/**
 * Schema sync wall time (part of `npm run bench`; alone: `npx tsx bench/tenancy-sync.ts`).
 *
 * 100 SCHEMA-tier teams, each schema made by the real provisioner, on a fresh
 * database. Before every sync each tenant copy falls one migration behind: its
 * Task table loses a nullable column ("description") and an index
 * (Task_teamId_assigneeId_idx), as a new migration on public would leave it. Then
 * syncTenantSchemas brings all 100 back, at concurrency 1 and at 8, twice
 * interleaved in one run; prints wall times and the speed-up.
 * BENCH_SYNC_TENANTS changes the number of tenants.
 *
 * Runs in a process of its own (bench/run.ts spawns it): the server modules read
 * DATABASE_URL once, and it points at this bench's scratch database.
 */
import { dbUrl, SERVER_URL, withClient } from "./scratch-db";

const TENANTS = Number(process.env.BENCH_SYNC_TENANTS ?? 100);
const INDEX = "Task_teamId_assigneeId_idx";
const COLUMN = "description";

async function inBatches<T>(items: T[], size: number, fn: (item: T) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(fn));
}

export async function runSyncBench(): Promise<void> {
  const name = `ebos_bench_sync_${Date.now()}`;
  await withClient(SERVER_URL, (c) => c.query(`CREATE DATABASE "${name}"`));
  const url = dbUrl(name);
  process.env.DATABASE_URL = url;
  try {
    const { applyMigrations } = await import("../src/server/db/migrate");
    await applyMigrations(url, { quiet: true });
    const { getBaseDb, closeDb } = await import("../src/server/db/client");
    const { PgSchemaProvisioner } = await import("../src/server/db/tenancy/pg-schema-provisioner");
    const { quoteIdent, tenantSchemaName } = await import("../src/server/db/tenancy/schema-name");
    const { syncTenantSchemas } = await import("../src/server/services/tenancy/sync");

    const base = getBaseDb();
    const stamp = Date.now().toString(36);
    const teams = Array.from({ length: TENANTS }, (_, i) => ({ id: `bsync${stamp}n${String(i).padStart(3, "0")}`, name: `Sync ${i}`, slug: `bench-sync-${stamp}-${i}`, tier: "SCHEMA" as const }));
    await base.team.createMany({ data: teams });
    const provisioner = new PgSchemaProvisioner();
    const setupStarted = performance.now();
    await inBatches(teams, 4, (team) => provisioner.provision({ teamId: team.id, region: "global", tier: "SCHEMA" }));
    console.log(`Database ${name}: ${TENANTS} SCHEMA-tier tenants provisioned in ${((performance.now() - setupStarted) / 1000).toFixed(1)} s.\n`);

    const fallBehind = () =>
      withClient(url, async (client) => {
        for (const team of teams) {
          const schema = quoteIdent(tenantSchemaName(team.id));
          await client.query(`DROP INDEX ${schema}.${quoteIdent(INDEX)}`);
          await client.query(`ALTER TABLE ${schema}."Task" DROP COLUMN ${quoteIdent(COLUMN)}`);
        }
      });

    const sync = async (concurrency: number): Promise<number> => {
      await fallBehind();
      const started = performance.now();
      const report = await syncTenantSchemas({ concurrency, teamIds: teams.map((team) => team.id) });
      const ms = performance.now() - started;
      const notApplied = report.results.filter((result) => result.outcome !== "applied");
      if (report.results.length !== TENANTS || notApplied.length > 0) {
        throw new Error(`Sync at concurrency ${concurrency}: ${notApplied.length} tenants not applied (${notApplied[0]?.error ?? "missing results"}).`);
      }
      const changes = report.results[0]?.changes.length ?? 0;
      console.log(`  concurrency ${String(concurrency).padStart(2)}   ${(ms / 1000).toFixed(2).padStart(6)} s   ${(ms / TENANTS).toFixed(0).padStart(4)} ms/tenant   (${changes} statements per tenant)`);
      return ms;
    };

    console.log(`Schema sync of ${TENANTS} tenants one migration behind (a nullable column + an index on Task)`);
    const speedUps: number[] = [];
    for (let pass = 1; pass <= 2; pass++) {
      console.log(` pass ${pass}`);
      const one = await sync(1);
      const eight = await sync(8);
      speedUps.push(one / eight);
    }
    console.log(`  speed-up of concurrency 8 over 1 (pass 1 / pass 2): ${speedUps.map((s) => s.toFixed(2)).join(" / ")}   on ${(await import("node:os")).availableParallelism()} CPUs`);
    await closeDb();
  } finally {
    await withClient(SERVER_URL, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runSyncBench().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
