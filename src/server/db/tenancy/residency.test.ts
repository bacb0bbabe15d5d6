import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callerFor, createTeam, uniqueSuffix, type TestTeam } from "../../../../test/factories";
import { rowCount, seedTenantData, snapshotAt } from "../../../../test/tenancy";
import { DomainError } from "../../errors";
import { cleanupMigratedTenants } from "../../services/tenancy/migration-cleanup";
import { runTenantMigration } from "../../services/tenancy/migration-engine";
import { startTenantMigration } from "../../services/tenancy/migration";
import { getBaseDb } from "../client";
import { getTenantDb } from "../get-tenant-db";
import { TENANT_MODELS } from "../tenant-models";
import { withDatabase } from "./locations";
import { migrateRegionDatabases } from "./region-databases";
import { schemaClients } from "./schema-clients";
import { tenantSchemaName } from "./schema-name";
import { pinTestTier } from "../../../../test/tenant-tier";

// This file tests placements itself: its teams start SHARED in every per-tier run.
pinTestTier("SHARED");

/**
 * Data residency (spec feature 14) on the machine's PostgreSQL: the Indonesia
 * region gets a database server of its own (DATABASE_URL_ID, here a second
 * database), Global stays on the primary one. Every tenant row of an Indonesian
 * team — on every tier — is written to the Indonesia server and none to Global;
 * a region move carries a team's rows across and leaves none behind.
 */
const db = getBaseDb();
const primaryUrl = () => process.env.DATABASE_URL ?? "";
const regionDb = `ebos_region_id_${uniqueSuffix()}`.toLowerCase().replace(/[^a-z0-9_]/g, "_");
let regionUrl = "";
let admin: pg.Client;
const created: TestTeam[] = [];

beforeAll(async () => {
  admin = new pg.Client({ connectionString: primaryUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${regionDb}"`);
  regionUrl = withDatabase(primaryUrl(), regionDb);
  process.env.DATABASE_URL_ID = regionUrl;
  const migrated = await migrateRegionDatabases();
  expect(migrated).toEqual([{ region: "id", applied: expect.arrayContaining(["20261124140000_read_only_writes"]) }]);
});

afterAll(async () => {
  delete process.env.DATABASE_URL_ID;
  await schemaClients().closeAll();
  for (const team of created) await admin.query(`DROP DATABASE IF EXISTS "${tenantSchemaName(team.id)}" WITH (FORCE)`);
  await admin.query(`DROP DATABASE IF EXISTS "${regionDb}" WITH (FORCE)`);
  await admin.end();
});

async function newTeam(label: string, region: "id" | "global"): Promise<TestTeam> {
  const team = await createTeam(label);
  await db.team.update({ where: { id: team.id }, data: { region }, select: { id: true } });
  created.push(team);
  return team;
}

/** The team's rows in every tenant table of `schema` on the database at `url`. */
async function rowsOn(url: string, schema: string, teamId: string): Promise<number> {
  return rowCount(await snapshotAt(url, schema, teamId));
}

async function schemaExistsOn(url: string, schema: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return ((await client.query("SELECT 1 FROM pg_namespace WHERE nspname = $1", [schema])).rowCount ?? 0) > 0;
  } finally {
    await client.end();
  }
}

const engine = { settleMs: 0, batchSize: 5 };

describe("data residency", () => {
  it("writes every tenant row of an Indonesian team to the Indonesia server, and none to Global, on every tier", async () => {
    const [indonesian, global] = await Promise.all([newTeam("res-id", "id"), newTeam("res-global", "global")]);
    await seedTenantData(indonesian, "id");
    await seedTenantData(global, "global");

    // SHARED: the region server's shared tables.
    const onRegion = await snapshotAt(regionUrl, "public", indonesian.id);
    expect(rowCount(onRegion)).toBeGreaterThan(30);
    expect(Object.keys(onRegion).sort()).toEqual(Object.keys(TENANT_MODELS).sort());
    expect(await rowsOn(primaryUrl(), "public", indonesian.id)).toBe(0);
    expect(await rowsOn(regionUrl, "public", global.id)).toBe(0);
    expect(await rowsOn(primaryUrl(), "public", global.id)).toBeGreaterThan(30);
    // The control plane stays on the primary database.
    expect((await db.team.findUniqueOrThrow({ where: { id: indonesian.id }, select: { region: true } })).region).toBe("id");

    // The routers read it back from there; the other team sees nothing of it.
    const api = callerFor(indonesian.owner, indonesian.id);
    expect((await api.project.list({})).items.map((row) => row.name)).toEqual(["id project"]);
    expect((await callerFor(global.owner, global.id).project.list({})).items.map((row) => row.name)).toEqual(["global project"]);

    // SCHEMA: the schema is made on the region server, and the lock holds there during the move.
    let lockedWrite: unknown = null;
    const toSchema = await startTenantMigration({ teamId: indonesian.id, toTier: "SCHEMA", requestedById: null });
    await runTenantMigration(toSchema.id, {
      ...engine,
      hooks: {
        afterBatch: async ({ batch }) => {
          if (batch !== 1) return;
          const tenant = await getTenantDb(indonesian.id);
          lockedWrite = await tenant.project.create({ data: { teamId: indonesian.id, name: "sneaked in" }, select: { id: true } }).then(
            () => null,
            (error: unknown) => error,
          );
        },
      },
    });
    expect(String(lockedWrite)).toMatch(/row-level security/);
    const schema = tenantSchemaName(indonesian.id);
    expect(await schemaExistsOn(regionUrl, schema)).toBe(true);
    expect(await schemaExistsOn(primaryUrl(), schema)).toBe(false);
    expect(await snapshotAt(regionUrl, schema, indonesian.id)).toEqual(onRegion);
    await api.project.create({ name: "made on the schema tier" });

    // ISOLATED: its own database on the region server, reached through DATABASE_URL_ID.
    const onSchema = await snapshotAt(regionUrl, schema, indonesian.id);
    const toIsolated = await startTenantMigration({ teamId: indonesian.id, toTier: "ISOLATED", requestedById: null });
    expect(await runTenantMigration(toIsolated.id, engine)).toMatchObject({ status: "COMPLETED" });
    expect(await snapshotAt(withDatabase(regionUrl, tenantSchemaName(indonesian.id)), "public", indonesian.id)).toEqual(onSchema);
    await api.project.create({ name: "made on the isolated tier" });

    // Nothing of the Indonesian team ever reached the Global server's tenant tables.
    expect(await rowsOn(primaryUrl(), "public", indonesian.id)).toBe(0);
    const leaked = await admin.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "AuditLog" WHERE "teamId" = $1`,
      [indonesian.id],
    );
    expect(leaked.rows[0]?.n).toBe(0);
  });

  it("moves a team to another region with the same engine: every row arrives, none stays behind", async () => {
    const team = await newTeam("res-move", "global");
    await seedTenantData(team, "move");
    const before = await snapshotAt(primaryUrl(), "public", team.id);
    const started = await startTenantMigration({ teamId: team.id, toTier: "SHARED", toRegion: "id", requestedById: null });
    expect(started).toMatchObject({ fromTier: "SHARED", toTier: "SHARED" });
    const done = await runTenantMigration(started.id, engine);
    expect(done).toMatchObject({ status: "COMPLETED" });
    expect(await db.team.findUniqueOrThrow({ where: { id: team.id }, select: { tier: true, region: true, status: true } })).toEqual({
      tier: "SHARED",
      region: "id",
      status: "ACTIVE",
    });
    expect(await snapshotAt(regionUrl, "public", team.id)).toEqual(before);
    expect((await callerFor(team.owner, team.id).project.list({})).items.map((row) => row.name)).toEqual(["move project"]);

    const row = await db.tenantMigration.findUniqueOrThrow({ where: { id: started.id }, select: { cleanupAfter: true } });
    await cleanupMigratedTenants({ now: new Date((row.cleanupAfter ?? new Date(0)).getTime() + 60_000), teamIds: [team.id] });
    expect(await rowsOn(primaryUrl(), "public", team.id)).toBe(0);
    expect(await snapshotAt(regionUrl, "public", team.id)).toEqual(before);
  });

  it("refuses a region this installation does not offer, before anything is written", async () => {
    const team = await newTeam("res-mars", "global");
    await db.team.update({ where: { id: team.id }, data: { region: "mars" }, select: { id: true } });
    const error = await getTenantDb(team.id).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: "UNPROCESSABLE", message: "No database server is configured for the region mars." });
  });
});
