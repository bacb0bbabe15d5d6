import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { callerFor, createTeam, createUser, uniqueSuffix, type TestTeam, type TestUser } from "../../../../../test/factories";
import { rowCount, seedTenantData, snapshotAt } from "../../../../../test/tenancy";
import { errorOf } from "../../../../../test/trpc-errors";
import { getBaseDb } from "@/server/db/client";
import { getTenantDb } from "@/server/db/get-tenant-db";
import { getSystemDb } from "@/server/db/system-client";
import { tenantDatabaseName, tenantLocation } from "@/server/db/tenancy/locations";
import { PgSchemaProvisioner } from "@/server/db/tenancy/pg-schema-provisioner";
import { schemaClients } from "@/server/db/tenancy/schema-clients";
import { tenantSchemaName } from "@/server/db/tenancy/schema-name";
import { migrateTenantKey } from "@/server/services/tenancy/migration";
import { runTenantMigration } from "@/server/services/tenancy/migration-engine";
import { invalidateTeamAccess } from "@/server/services/team/team-access";
import { pinTestTier } from "../../../../../test/tenant-tier";
import { resetIsolatedTeams } from "../../../../../test/tenancy";

// This file tests placements (tiers, the shared tables) itself: its teams start SHARED in every per-tier run.
pinTestTier("SHARED");

/**
 * The operators' tenant list and its controls: placement and size per tier (a
 * dedicated database included, and "—" for one that cannot be reached), the
 * latest migration and sync, starting a migration or a region move (the engine's
 * refusals reach the operator as 4xx) and retrying a sync. Nobody else may call
 * any of it.
 */
const provisioner = new PgSchemaProvisioner();
let operator: TestUser;
let shared: TestTeam;
let other: TestTeam;
let schema: TestTeam;
let tag: string;
const started: string[] = [];

/** A started migration stays queued: no runner may take it while this file runs (it only tests the controls). */
async function park(migrationId: string): Promise<void> {
  started.push(migrationId);
  await getBaseDb().jobRun.updateMany({ where: { key: migrateTenantKey(migrationId) }, data: { status: "CANCELLED" } });
}

async function auditRows(teamId: string): Promise<number> {
  // The audit rows are tenant rows too: counted across tenants, as the operator's list does.
  return getSystemDb({ actorId: null, requestId: null }).auditLog.count({ where: { teamId } });
}

beforeAll(async () => {
  tag = `tadm${uniqueSuffix()}`;
  operator = await createUser("operator", { superAdmin: true });
  // One after the other: the list is ordered newest first.
  shared = await createTeam(`${tag}-shared`);
  other = await createTeam(`${tag}-other`);
  schema = await createTeam(`${tag}-schema`);
  await (await getTenantDb(shared.id)).project.create({ data: { name: "one" } });
  await (await getTenantDb(other.id)).project.createMany({ data: [{ name: "two" }, { name: "three" }] });
  await provisioner.provision({ teamId: schema.id, region: "global", tier: "SCHEMA" });
  await getBaseDb().team.update({ where: { id: schema.id }, data: { tier: "SCHEMA" }, select: { id: true } });
  await (await getTenantDb(schema.id, { placement: { tier: "SCHEMA", region: "global" } })).project.create({ data: { name: "in schema" } });
});

afterAll(async () => {
  await getBaseDb().tenantMigration.updateMany({ where: { id: { in: started } }, data: { status: "FAILED", activeTeamId: null, finishedAt: new Date() } });
  await schemaClients().closeAll();
  await provisioner.deprovision({ teamId: schema.id, region: "global", tier: "SCHEMA" });
});

describe("platform.teams", () => {
  it("counts a SCHEMA team's projects in its own schema and a SHARED team's in public", async () => {
    const byId = new Map((await callerFor(operator).platform.teams()).map((row) => [row.id, row]));
    expect(byId.get(shared.id)).toMatchObject({ tier: "SHARED", projects: 1 });
    expect(byId.get(other.id)).toMatchObject({ tier: "SHARED", projects: 2 });
    expect(byId.get(schema.id)).toMatchObject({ tier: "SCHEMA", projects: 1 });
  });
});

describe("platform.tenants", () => {
  it("lists each tenant's placement, size and status, newest first, searchable by name or slug", async () => {
    const rows = await callerFor(operator).platform.tenants({ search: tag });
    expect(rows.map((row) => row.id)).toEqual([schema.id, other.id, shared.id]);
    const byId = new Map(rows.map((row) => [row.id, row]));
    // Rows across every tenant table: the projects and the audit rows they wrote.
    const publicTables = { kind: "public", name: "public", region: "global" };
    expect(byId.get(shared.id)).toMatchObject({ tier: "SHARED", region: "global", placement: publicTables, status: "ACTIVE", rows: 1 + (await auditRows(shared.id)), migration: null, sync: null });
    expect(byId.get(other.id)).toMatchObject({ placement: publicTables, rows: 2 + (await auditRows(other.id)) });
    const inSchema = byId.get(schema.id);
    expect(inSchema).toMatchObject({ tier: "SCHEMA", placement: { kind: "schema", name: tenantSchemaName(schema.id), region: "global" } });
    const schemaDb = await getTenantDb(schema.id, { placement: { tier: "SCHEMA", region: "global" } });
    expect(inSchema?.rows).toBe((await schemaDb.project.count()) + (await schemaDb.auditLog.count()));
    expect(inSchema?.rows).toBeGreaterThanOrEqual(2);

    const bySlug = await callerFor(operator).platform.tenants({ search: `${tag}-OTHER` });
    expect(bySlug.map((row) => row.id)).toEqual([other.id]);
    expect((await callerFor(operator).platform.tenants({ search: `${tag}-none` })).length).toBe(0);
  });

  it("refuses a search longer than 100 characters", async () => {
    expect((await errorOf(callerFor(operator).platform.tenants({ search: "x".repeat(101) }))).code).toBe("BAD_REQUEST");
  });
});

describe("platform.startMigration", () => {
  it("starts a move recorded for the operator, shown on the list; the other team is untouched", async () => {
    const view = await callerFor(operator).platform.startMigration({ teamId: shared.id, toTier: "SCHEMA" });
    await park(view.id);
    expect(view).toMatchObject({ teamId: shared.id, fromTier: "SHARED", toTier: "SCHEMA", status: "PENDING" });
    const stored = await getBaseDb().tenantMigration.findUniqueOrThrow({ where: { id: view.id }, select: { requestedById: true } });
    expect(stored.requestedById).toBe(operator.id);

    const rows = await callerFor(operator).platform.tenants({ search: tag });
    expect(rows.find((row) => row.id === shared.id)?.migration).toMatchObject({ id: view.id, status: "PENDING", toTier: "SCHEMA" });
    expect(rows.find((row) => row.id === other.id)?.migration).toBeNull();

    // A second move while this one is active is refused.
    const again = await errorOf(callerFor(operator).platform.startMigration({ teamId: shared.id, toTier: "SCHEMA" }));
    expect(again.code).toBe("CONFLICT");
  });

  it("passes the engine's refusals through as 4xx", async () => {
    const caller = callerFor(operator);
    expect((await errorOf(caller.platform.startMigration({ teamId: other.id, toTier: "SHARED" }))).code).toBe("CONFLICT");
    // The same placement named with its region is no move either.
    expect((await errorOf(caller.platform.startMigration({ teamId: other.id, toTier: "SHARED", toRegion: "global" }))).code).toBe("CONFLICT");
    expect((await errorOf(caller.platform.startMigration({ teamId: "no-such-team", toTier: "SCHEMA" }))).code).toBe("NOT_FOUND");
    const bad = await errorOf(caller.platform.startMigration({ teamId: other.id, toTier: "MOON" as "SCHEMA" }));
    expect(bad.code).toBe("BAD_REQUEST");
    expect((await errorOf(caller.platform.startMigration({ teamId: other.id, toTier: "ISOLATED", toRegion: "x".repeat(33) }))).code).toBe("BAD_REQUEST");
    expect((await errorOf(caller.platform.startMigration({ teamId: other.id, toTier: "ISOLATED", toRegion: "" }))).code).toBe("BAD_REQUEST");
    expect(await getBaseDb().tenantMigration.count({ where: { teamId: other.id } })).toBe(0);
  });

  it("refuses a region move to a region this installation does not offer as 4xx, and starts nothing", async () => {
    const caller = callerFor(operator);
    for (const toTier of ["SHARED", "ISOLATED"] as const) {
      const refused = await errorOf(caller.platform.startMigration({ teamId: other.id, toTier, toRegion: "mars" }));
      expect(refused.code).toBe("UNPROCESSABLE_CONTENT");
      expect(refused.message).toBe("The data region mars is not offered by this installation.");
    }
    expect(await getBaseDb().tenantMigration.count({ where: { teamId: other.id } })).toBe(0);
  });

  it("lists the offered regions for the region select", async () => {
    const regions = await callerFor(operator).platform.regions();
    expect(regions).toContain("global");
  });
});

describe("platform.retrySync", () => {
  it("syncs one SCHEMA team and reports its outcome, then the list shows it", async () => {
    const result = await callerFor(operator).platform.retrySync({ teamId: schema.id });
    expect(result.result).toMatchObject({ teamId: schema.id, target: tenantSchemaName(schema.id), error: null });
    expect(["applied", "current"]).toContain(result.result?.outcome);
    const rows = await callerFor(operator).platform.tenants({ search: tag });
    expect(rows.find((row) => row.id === schema.id)?.sync).toMatchObject({ outcome: result.result?.outcome, error: null });
    expect(rows.find((row) => row.id === other.id)?.sync).toBeNull();
  });

  it("refuses a team that does not exist, or has no schema, as 4xx", async () => {
    expect((await errorOf(callerFor(operator).platform.retrySync({ teamId: "no-such-team" }))).code).toBe("NOT_FOUND");
    expect((await errorOf(callerFor(operator).platform.retrySync({ teamId: other.id }))).code).toBe("BAD_REQUEST");
  });
});

describe("tenancy controls are for operators only", () => {
  it("refuses a team owner every call, and starts nothing", async () => {
    const owner = callerFor(other.owner, other.id);
    expect((await errorOf(owner.platform.tenants({}))).code).toBe("FORBIDDEN");
    expect((await errorOf(owner.platform.startMigration({ teamId: other.id, toTier: "SCHEMA" }))).code).toBe("FORBIDDEN");
    expect((await errorOf(owner.platform.retrySync({ teamId: schema.id }))).code).toBe("FORBIDDEN");
    expect((await errorOf(owner.platform.regions())).code).toBe("FORBIDDEN");
    expect((await errorOf(owner.platform.startMigration({ teamId: other.id, toTier: "ISOLATED", toRegion: "id" }))).code).toBe("FORBIDDEN");
    expect((await errorOf(callerFor(null).platform.tenants({}))).code).toBe("UNAUTHORIZED");
    expect(await getBaseDb().tenantMigration.count({ where: { teamId: other.id } })).toBe(0);
  });
});

describe("a dedicated database (ISOLATED)", () => {
  // Teams this block placed on ISOLATED (a database of their own, or the claim of one).
  const isolated: string[] = [];

  afterEach(async () => {
    await resetIsolatedTeams(isolated.splice(0));
  });

  it("an operator moves a team SHARED → ISOLATED: the list names its database and counts its rows there; another team is untouched", async () => {
    const mover = await createTeam(`${tag}-iso`);
    const bystander = await createTeam(`${tag}-iso-by`);
    await seedTenantData(mover, "iso");
    await seedTenantData(bystander, "iso-by");
    const caller = callerFor(operator);
    const before = new Map((await caller.platform.tenants({ search: `${tag}-iso` })).map((row) => [row.id, row]));
    const moverRows = before.get(mover.id)?.rows ?? 0;
    const bystanderBefore = before.get(bystander.id);
    expect(moverRows).toBeGreaterThan(10);

    const view = await caller.platform.startMigration({ teamId: mover.id, toTier: "ISOLATED" });
    isolated.push(mover.id);
    expect(view).toMatchObject({ teamId: mover.id, fromTier: "SHARED", toTier: "ISOLATED", status: "PENDING" });
    await runTenantMigration(view.id, { settleMs: 0 });
    invalidateTeamAccess(mover.id);

    const after = new Map((await caller.platform.tenants({ search: `${tag}-iso` })).map((row) => [row.id, row]));
    const moved = after.get(mover.id);
    expect(moved).toMatchObject({
      tier: "ISOLATED",
      region: "global",
      placement: { kind: "database", name: tenantDatabaseName(mover.id), region: "global" },
      migration: { id: view.id, status: "COMPLETED", toTier: "ISOLATED" },
    });
    // Counted in its own database: every row it had, and exactly those that are there.
    const location = tenantLocation(mover.id, { tier: "ISOLATED", region: "global" });
    expect(moved?.rows).toBe(rowCount(await snapshotAt(location.url, "public", mover.id)));
    expect(moved?.rows).toBe(moverRows);
    const teams = new Map((await caller.platform.teams()).map((row) => [row.id, row]));
    expect(teams.get(mover.id)).toMatchObject({ tier: "ISOLATED", projects: 1 });

    // The other team: same placement, same rows, no migration.
    expect(after.get(bystander.id)).toMatchObject({ tier: "SHARED", placement: { kind: "public" }, rows: bystanderBefore?.rows, migration: null });
    expect(teams.get(bystander.id)).toMatchObject({ tier: "SHARED", projects: 1 });
    expect(await getBaseDb().tenantMigration.count({ where: { teamId: bystander.id } })).toBe(0);
  });

  it("shows '—' (null), not an error, for a dedicated database that cannot be reached", async () => {
    const lost = await createTeam(`${tag}-lost`);
    // Placed on ISOLATED with no database behind it (dropped, or its server down).
    await getBaseDb().team.update({ where: { id: lost.id }, data: { tier: "ISOLATED" }, select: { id: true } });
    isolated.push(lost.id);
    const caller = callerFor(operator);
    const rows = await caller.platform.tenants({ search: `${tag}-lost` });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ tier: "ISOLATED", placement: { kind: "database", name: tenantDatabaseName(lost.id) }, rows: null });
    expect((await caller.platform.teams()).find((row) => row.id === lost.id)).toMatchObject({ tier: "ISOLATED", projects: null });
  });
});
