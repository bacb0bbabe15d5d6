import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callerFor, createTeam, type TestTeam } from "../../../../test/factories";
import { errorOf } from "../../../../test/trpc-errors";
import { rowCount, seedTenantData, snapshotAt } from "../../../../test/tenancy";
import { getBaseDb } from "../../db/client";
import { getTenantDb } from "../../db/get-tenant-db";
import { tenantLocation, withDatabase } from "../../db/tenancy/locations";
import { tenantDatabaseMarker } from "../../db/tenancy/pg-database-provisioner";
import { schemaClients } from "../../db/tenancy/schema-clients";
import { tenantSchemaName } from "../../db/tenancy/schema-name";
import { DomainError } from "../../errors";
import { cleanupMigratedTenants } from "./migration-cleanup";
import { rollbackTenantMigration, runTenantMigration, type MigrationEngineOptions } from "./migration-engine";
import { latestTenantMigration, startTenantMigration } from "./migration";
import { pinTestTier } from "../../../../test/tenant-tier";

// This file tests placements itself: its teams start SHARED in every per-tier run.
pinTestTier("SHARED");

/**
 * The ISOLATED tier (a database of its own per team) and the tier moves that
 * cross databases, on the machine's PostgreSQL: every row identical after
 * SHARED → SCHEMA → ISOLATED → SHARED, the routers working on each tier, the
 * read-only lock holding inside the team's own database, crashes resumed, and a
 * database of the same name that is not ours never touched.
 */
const db = getBaseDb();
const primaryUrl = () => process.env.DATABASE_URL ?? "";
let admin: pg.Client;
const databases = new Set<string>();

beforeAll(async () => {
  admin = new pg.Client({ connectionString: primaryUrl() });
  await admin.connect();
});

afterAll(async () => {
  await schemaClients().closeAll();
  for (const name of databases) await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  const teams = await db.tenantMigration.findMany({ where: { teamId: { in: created.map((team) => team.id) } }, select: { teamId: true }, distinct: ["teamId"] });
  for (const { teamId } of teams) await admin.query(`DROP SCHEMA IF EXISTS "${tenantSchemaName(teamId)}" CASCADE`);
  await admin.end();
});

const created: TestTeam[] = [];
async function newTeam(label: string): Promise<TestTeam> {
  const team = await createTeam(label);
  created.push(team);
  databases.add(tenantSchemaName(team.id));
  return team;
}

const engine = (options: MigrationEngineOptions = {}) => ({ settleMs: 0, batchSize: 3, ...options });

async function move(teamId: string, toTier: "SHARED" | "SCHEMA" | "ISOLATED", options: MigrationEngineOptions = {}) {
  const started = await startTenantMigration({ teamId, toTier, requestedById: null });
  return runTenantMigration(started.id, engine(options));
}

async function databaseExists(name: string): Promise<boolean> {
  return ((await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name])).rowCount ?? 0) > 0;
}

async function placement(teamId: string) {
  return db.team.findUniqueOrThrow({ where: { id: teamId }, select: { tier: true, region: true, status: true } });
}

describe("ISOLATED tier", () => {
  it("moves SHARED → SCHEMA → ISOLATED → SHARED with every row identical, serves the routers on its own database, and drops it after the grace", async () => {
    const [team, other] = await Promise.all([newTeam("iso-main"), newTeam("iso-other")]);
    await seedTenantData(team, "main");
    await seedTenantData(other, "other");
    const before = await snapshotAt(primaryUrl(), "public", team.id);
    const otherBefore = await snapshotAt(primaryUrl(), "public", other.id);
    expect(rowCount(before)).toBeGreaterThan(30);

    // SHARED → SCHEMA (one database: INSERT … SELECT).
    expect(await move(team.id, "SCHEMA")).toMatchObject({ status: "COMPLETED" });
    expect(await snapshotAt(primaryUrl(), tenantSchemaName(team.id), team.id)).toEqual(before);

    // SCHEMA → ISOLATED (across databases), through the staging table a role bound by RLS needs.
    const toIsolated = await move(team.id, "ISOLATED", { stagedCopy: true });
    expect(toIsolated).toMatchObject({ status: "COMPLETED", fromTier: "SCHEMA", toTier: "ISOLATED", progress: { rowsTotal: rowCount(before), percent: 100 } });
    expect(await placement(team.id)).toEqual({ tier: "ISOLATED", region: "global", status: "ACTIVE" });
    const isolatedUrl = tenantLocation(team.id, { tier: "ISOLATED", region: "global" }).url;
    expect(isolatedUrl).toBe(withDatabase(primaryUrl(), tenantSchemaName(team.id)));
    expect(await databaseExists(tenantSchemaName(team.id))).toBe(true);
    const marker = await admin.query<{ comment: string }>("SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = $1", [tenantSchemaName(team.id)]);
    expect(marker.rows[0]?.comment).toBe(tenantDatabaseMarker(team.id));
    expect(await snapshotAt(isolatedUrl, "public", team.id)).toEqual(before);
    // Its own database holds nobody else's rows.
    expect(rowCount(await snapshotAt(isolatedUrl, "public", other.id))).toBe(0);

    // The routers work unchanged on the team's own database; the other team sees none of it.
    const api = callerFor(team.owner, team.id);
    const made = await api.project.create({ name: "made on the isolated tier" });
    expect((await api.project.list({})).items.map((row) => row.name).sort()).toEqual(["made on the isolated tier", "main project"]);
    const otherApi = callerFor(other.owner, other.id);
    expect((await otherApi.project.list({})).items.map((row) => row.name)).toEqual(["other project"]);
    expect(await errorOf(otherApi.project.get({ id: made.id }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await admin.query(`SELECT 1 FROM public."Project" WHERE id = $1`, [made.id]).then((result) => result.rowCount)).toBe(0);
    const onIsolated = await snapshotAt(isolatedUrl, "public", team.id);
    expect(onIsolated.AuditLog?.length).toBeGreaterThan(before.AuditLog?.length ?? 0);

    // ISOLATED → SHARED (across databases, plain COPY). The lock holds inside the team's own database.
    let lockedInDatabase: unknown = null;
    const back = await move(team.id, "SHARED", {
      hooks: {
        afterBatch: async ({ batch }) => {
          if (batch !== 2) return;
          expect((await placement(team.id)).status).toBe("READ_ONLY");
          // Past the routers (which refuse too): the database's own policies refuse the write.
          const tenant = await getTenantDb(team.id);
          lockedInDatabase = await tenant.project.create({ data: { teamId: team.id, name: "sneaked in" }, select: { id: true } }).then(
            () => null,
            (error: unknown) => error,
          );
        },
      },
    });
    expect(lockedInDatabase).toBeInstanceOf(Error);
    expect(String(lockedInDatabase)).toMatch(/row-level security/);
    expect(back).toMatchObject({ status: "COMPLETED", fromTier: "ISOLATED", toTier: "SHARED" });
    expect(await placement(team.id)).toEqual({ tier: "SHARED", region: "global", status: "ACTIVE" });
    expect(await snapshotAt(primaryUrl(), "public", team.id)).toEqual(onIsolated);
    expect((await api.project.list({})).items).toHaveLength(2);

    // The source database stays for the grace period, then is dropped; the other team keeps everything.
    expect(await databaseExists(tenantSchemaName(team.id))).toBe(true);
    const row = await db.tenantMigration.findUniqueOrThrow({ where: { id: back.id }, select: { cleanupAfter: true } });
    const report = await cleanupMigratedTenants({ now: new Date((row.cleanupAfter ?? new Date(0)).getTime() + 60_000), teamIds: [team.id] });
    expect(report.cleaned).toContain(back.id);
    expect(await databaseExists(tenantSchemaName(team.id))).toBe(false);
    // The SCHEMA → ISOLATED move's source (the schema) was not the last move's target: it is cleaned too.
    expect(report.cleaned).toContain(toIsolated.id);
    expect((await admin.query("SELECT 1 FROM pg_namespace WHERE nspname = $1", [tenantSchemaName(team.id)])).rowCount).toBe(0);
    expect(await snapshotAt(primaryUrl(), "public", team.id)).toEqual(onIsolated);
    expect(await snapshotAt(primaryUrl(), "public", other.id)).toEqual(otherBefore);
  });

  it("resumes a copy into a team's own database after crashes, without losing or duplicating rows", async () => {
    const team = await newTeam("iso-crash");
    await seedTenantData(team, "crash");
    const before = await snapshotAt(primaryUrl(), "public", team.id);
    const { id } = await startTenantMigration({ teamId: team.id, toTier: "ISOLATED", requestedById: null });
    for (const crashAt of [2, 5]) {
      const run = runTenantMigration(
        id,
        engine({
          hooks: {
            afterBatch: ({ batch }) => {
              if (batch === crashAt) throw new Error(`simulated crash after batch ${crashAt}`);
            },
          },
        }),
      );
      await expect(run).rejects.toThrow(/simulated crash/);
      expect((await placement(team.id)).status).toBe("READ_ONLY");
    }
    expect(await runTenantMigration(id, engine())).toMatchObject({ status: "COMPLETED" });
    const isolatedUrl = tenantLocation(team.id, { tier: "ISOLATED", region: "global" }).url;
    expect(await snapshotAt(isolatedUrl, "public", team.id)).toEqual(before);
    expect(await placement(team.id)).toEqual({ tier: "ISOLATED", region: "global", status: "ACTIVE" });
  });

  it("recovers from a connection lost mid-copy: the run fails, the next one finishes with every row once", async () => {
    const team = await newTeam("iso-lost");
    await seedTenantData(team, "lost");
    const before = await snapshotAt(primaryUrl(), "public", team.id);
    const { id } = await startTenantMigration({ teamId: team.id, toTier: "ISOLATED", requestedById: null });
    const run = runTenantMigration(
      id,
      engine({
        hooks: {
          afterBatch: async ({ batch }) => {
            if (batch !== 3) return;
            // The server ends the copy's sessions, as a failover or a network cut would.
            const ended = await admin.query<{ ok: boolean }>(
              `SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE application_name = 'ebos-tier-migration' AND datname = $1`,
              [tenantSchemaName(team.id)],
            );
            expect(ended.rows.length).toBeGreaterThan(0);
          },
        },
      }),
    );
    await expect(run).rejects.toThrow(/terminat|connection/i);
    expect(await placement(team.id)).toEqual({ tier: "SHARED", region: "global", status: "READ_ONLY" });
    expect(await runTenantMigration(id, engine())).toMatchObject({ status: "COMPLETED" });
    expect(await snapshotAt(tenantLocation(team.id, { tier: "ISOLATED", region: "global" }).url, "public", team.id)).toEqual(before);
    expect(await placement(team.id)).toEqual({ tier: "ISOLATED", region: "global", status: "ACTIVE" });
  });

  it("moves only the label between two regions kept on one server, and never empties the data", async () => {
    const team = await newTeam("iso-relabel");
    await seedTenantData(team, "relabel");
    const before = await snapshotAt(primaryUrl(), "public", team.id);
    // Neither DATABASE_URL_ID nor DATABASE_URL_GLOBAL is set here: both regions are the primary database.
    const relabel = await startTenantMigration({ teamId: team.id, toTier: "SHARED", toRegion: "id", requestedById: null });
    expect(relabel).toMatchObject({ status: "COMPLETED", step: "cleaned", fromTier: "SHARED", toTier: "SHARED", progress: { rowsCopied: 0, percent: 100 } });
    expect(await placement(team.id)).toEqual({ tier: "SHARED", region: "id", status: "ACTIVE" });
    expect(await snapshotAt(primaryUrl(), "public", team.id)).toEqual(before);
    await cleanupMigratedTenants({ now: new Date(Date.now() + 90 * 24 * 3_600_000), teamIds: [team.id] });
    expect(await snapshotAt(primaryUrl(), "public", team.id)).toEqual(before);
    expect((await callerFor(team.owner, team.id).project.list({})).items).toHaveLength(1);

    // A move recorded with the same storage on both sides (as an older release could) is refused by the engine, data intact.
    const stale = await db.tenantMigration.create({
      data: { teamId: team.id, fromTier: "SHARED", toTier: "SHARED", fromRegion: "id", toRegion: "global", activeTeamId: team.id },
      select: { id: true },
    });
    await expect(runTenantMigration(stale.id, engine())).rejects.toThrow(/same storage/);
    expect(await latestTenantMigration(team.id)).toMatchObject({ id: stale.id, status: "FAILED" });
    expect(await placement(team.id)).toEqual({ tier: "SHARED", region: "id", status: "ACTIVE" });
    expect(await snapshotAt(primaryUrl(), "public", team.id)).toEqual(before);
  });

  it("never uses or drops a database of the same name that is not the team's", async () => {
    const team = await newTeam("iso-foreign");
    await seedTenantData(team, "foreign");
    const name = tenantSchemaName(team.id);
    await admin.query(`CREATE DATABASE "${name}"`);
    const error = await startTenantMigration({ teamId: team.id, toTier: "ISOLATED", requestedById: null }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: "CONFLICT", message: expect.stringMatching(new RegExp(`database named ${name} already exists .* does not belong to this team`)) });
    expect(await latestTenantMigration(team.id)).toBeNull();

    // Made between the start and the run: the run fails, the rollback leaves that database alone.
    await admin.query(`DROP DATABASE "${name}"`);
    const { id } = await startTenantMigration({ teamId: team.id, toTier: "ISOLATED", requestedById: null });
    await admin.query(`CREATE DATABASE "${name}"`);
    await expect(runTenantMigration(id, engine())).rejects.toThrow(/does not belong to this team/);
    await rollbackTenantMigration(id, "test: the target database was someone else's");
    expect(await databaseExists(name)).toBe(true);
    expect(await placement(team.id)).toEqual({ tier: "SHARED", region: "global", status: "ACTIVE" });
    expect((await callerFor(team.owner, team.id).project.list({})).items).toHaveLength(1);
  });
});
