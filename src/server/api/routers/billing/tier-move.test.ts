import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { addMember, callerFor, createTeam as createBareTeam, type TestTeam } from "../../../../../test/factories";
import { errorOf, fieldsOf } from "../../../../../test/trpc-errors";
import { getBaseDb } from "../../../db/client";
import { getSubscription } from "../../../services/billing/subscriptions";
import { invalidateTeamAccess } from "../../../services/team/team-access";
import { tenantLocation } from "../../../db/tenancy/locations";
import { PgSchemaProvisioner } from "../../../db/tenancy/pg-schema-provisioner";
import { schemaClients } from "../../../db/tenancy/schema-clients";
import { migrateTenantKey } from "../../../services/tenancy/migration";
import { runTenantMigration } from "../../../services/tenancy/migration-engine";
import { pinTestTier } from "../../../../../test/tenant-tier";
import { resetIsolatedTeams } from "../../../../../test/tenancy";

// This file tests placements (tiers, the shared tables) itself: its teams start SHARED in every per-tier run.
pinTestTier("SHARED");

/**
 * "Move my data": the OWNER moves the team's data to the tier its plan includes,
 * and only there (a schema of its own, or on Enterprise a database of its own);
 * nobody else can, a locked team cannot, and another team sees nothing of it.
 */
const started: string[] = [];

/** The started move stays queued: this file tests the controls, not the engine (no runner may take it). */
async function park(migrationId: string): Promise<void> {
  started.push(migrationId);
  await getBaseDb().jobRun.updateMany({ where: { key: migrateTenantKey(migrationId) }, data: { status: "CANCELLED" } });
}

async function teamOnPlan(label: string, planId: "starter" | "professional" | "enterprise"): Promise<TestTeam> {
  const team = await createBareTeam(label);
  await getSubscription(team.id);
  if (planId !== "starter") await callerFor(team.owner, team.id).billing.changePlan({ planId });
  return team;
}

let pro: TestTeam;
let bystander: TestTeam;

beforeAll(async () => {
  [pro, bystander] = await Promise.all([teamOnPlan("move-pro", "professional"), teamOnPlan("move-bystander", "professional")]);
});

const provisioned: string[] = [];
// Teams moved to a database of their own: dropped after the tests.
const isolated: string[] = [];

afterAll(async () => {
  await getBaseDb().tenantMigration.updateMany({
    where: { id: { in: started }, status: { in: ["PENDING", "RUNNING"] } },
    data: { status: "FAILED", activeTeamId: null, finishedAt: new Date() },
  });
  await schemaClients().closeAll();
  const provisioner = new PgSchemaProvisioner();
  for (const teamId of provisioned) await provisioner.deprovision({ teamId, region: "global", tier: "SCHEMA" });
});

afterEach(async () => {
  await resetIsolatedTeams(isolated.splice(0));
});

describe("billing.startTierMove", () => {
  it("lets the owner move the data to the plan's tier; the move is recorded for the team only", async () => {
    const owner = callerFor(pro.owner, pro.id);
    expect(await owner.billing.latestTierMove()).toBeNull();
    const overview = await owner.billing.overview();
    expect(overview.tier).toEqual({ team: "SHARED", plan: "SCHEMA", matches: false });

    const view = await owner.billing.startTierMove({ toTier: "SCHEMA" });
    await park(view.id);
    expect(view).toMatchObject({ teamId: pro.id, fromTier: "SHARED", toTier: "SCHEMA", status: "PENDING" });
    const stored = await getBaseDb().tenantMigration.findUniqueOrThrow({ where: { id: view.id }, select: { requestedById: true } });
    expect(stored.requestedById).toBe(pro.owner.id);
    expect(await owner.billing.latestTierMove()).toMatchObject({ id: view.id, status: "PENDING" });

    // A second start while it is active is refused.
    expect((await errorOf(owner.billing.startTierMove({ toTier: "SCHEMA" }))).code).toBe("CONFLICT");

    // The other team: nothing started, nothing shown.
    expect(await callerFor(bystander.owner, bystander.id).billing.latestTierMove()).toBeNull();
    expect(await getBaseDb().tenantMigration.count({ where: { teamId: bystander.id } })).toBe(0);
  });

  it("moves only to the plan's tier", async () => {
    const owner = callerFor(bystander.owner, bystander.id);
    for (const toTier of ["SHARED", "ISOLATED"] as const) {
      const error = await errorOf(owner.billing.startTierMove({ toTier }));
      expect(error.code).toBe("BAD_REQUEST");
      expect(fieldsOf(error)).toEqual(["toTier"]);
    }
    expect((await errorOf(owner.billing.startTierMove({ toTier: "ELSEWHERE" as "SCHEMA" }))).code).toBe("BAD_REQUEST");
    expect(await getBaseDb().tenantMigration.count({ where: { teamId: bystander.id } })).toBe(0);
  });

  it("is for the owner only: an admin may read the move, not start it", async () => {
    const admin = await addMember(bystander.id, "ADMIN");
    const caller = callerFor(admin, bystander.id);
    expect(await caller.billing.latestTierMove()).toBeNull();
    expect((await errorOf(caller.billing.startTierMove({ toTier: "SCHEMA" }))).code).toBe("FORBIDDEN");
    const staff = await addMember(bystander.id, "STAFF");
    expect((await errorOf(callerFor(staff, bystander.id).billing.latestTierMove())).code).toBe("FORBIDDEN");
    expect(await getBaseDb().tenantMigration.count({ where: { teamId: bystander.id } })).toBe(0);
  });

  it("refuses a team already on its plan's tier, a tier other than the plan's, and a locked team", async () => {
    const starter = await teamOnPlan("move-starter", "starter");
    expect((await errorOf(callerFor(starter.owner, starter.id).billing.startTierMove({ toTier: "SHARED" }))).code).toBe("CONFLICT");

    const enterprise = await teamOnPlan("move-enterprise", "enterprise");
    const notPlan = await errorOf(callerFor(enterprise.owner, enterprise.id).billing.startTierMove({ toTier: "SCHEMA" }));
    expect(notPlan.code).toBe("BAD_REQUEST");
    expect(fieldsOf(notPlan)).toEqual(["toTier"]);

    const locked = await teamOnPlan("move-locked", "professional");
    await getBaseDb().team.update({ where: { id: locked.id }, data: { status: "SOFT_LOCKED", statusReason: "unpaid" }, select: { id: true } });
    invalidateTeamAccess(locked.id);
    const refused = await errorOf(callerFor(locked.owner, locked.id).billing.startTierMove({ toTier: "SCHEMA" }));
    expect(refused.code).toBe("FORBIDDEN");
    expect(await getBaseDb().tenantMigration.count({ where: { teamId: { in: [starter.id, enterprise.id, locked.id] } } })).toBe(0);
  });
});

describe("a move carried out", () => {
  it("ends COMPLETED at 100% with the team on its plan's tier, its projects still there, the other team untouched", async () => {
    const mover = await teamOnPlan("move-done", "professional");
    const owner = callerFor(mover.owner, mover.id);
    await owner.project.create({ name: "Keeps its place" });
    await callerFor(bystander.owner, bystander.id).project.create({ name: "Bystander's" });

    const view = await owner.billing.startTierMove({ toTier: "SCHEMA" });
    await park(view.id);
    provisioned.push(mover.id);
    // The engine, as the job would run it (without the settle wait for other processes' caches).
    await runTenantMigration(view.id, { settleMs: 0 });
    invalidateTeamAccess(mover.id);

    const done = await owner.billing.latestTierMove();
    expect(done).toMatchObject({ id: view.id, status: "COMPLETED" });
    expect(done?.progress?.percent).toBe(100);
    expect((await owner.billing.overview()).tier).toEqual({ team: "SCHEMA", plan: "SCHEMA", matches: true });
    expect((await owner.project.list()).items.map((project) => project.name)).toEqual(["Keeps its place"]);
    expect((await callerFor(bystander.owner, bystander.id).project.list()).items.map((project) => project.name)).toEqual(["Bystander's"]);
  });
});

describe("a move to a database of the team's own (Enterprise)", () => {
  it("the owner moves the data to ISOLATED: COMPLETED at 100%, the data in its own database, the other team untouched", async () => {
    const mover = await teamOnPlan("move-enterprise-done", "enterprise");
    const owner = callerFor(mover.owner, mover.id);
    await owner.project.create({ name: "Moves to its own database" });
    expect((await owner.billing.overview()).tier).toEqual({ team: "SHARED", plan: "ISOLATED", matches: false });

    const view = await owner.billing.startTierMove({ toTier: "ISOLATED" });
    await park(view.id);
    isolated.push(mover.id);
    expect(view).toMatchObject({ teamId: mover.id, fromTier: "SHARED", toTier: "ISOLATED", status: "PENDING" });
    await runTenantMigration(view.id, { settleMs: 0 });
    invalidateTeamAccess(mover.id);

    const done = await owner.billing.latestTierMove();
    expect(done).toMatchObject({ id: view.id, status: "COMPLETED", toTier: "ISOLATED", error: null });
    expect(done?.progress?.percent).toBe(100);
    expect((await owner.billing.overview()).tier).toEqual({ team: "ISOLATED", plan: "ISOLATED", matches: true });
    expect((await owner.project.list()).items.map((project) => project.name)).toEqual(["Moves to its own database"]);
    // Read from the team's own database, not from the shared tables.
    const own = new pg.Client({ connectionString: tenantLocation(mover.id, { tier: "ISOLATED", region: "global" }).url });
    await own.connect();
    try {
      const projects = await own.query<{ name: string }>(`SELECT name FROM public."Project" WHERE "teamId" = $1`, [mover.id]);
      expect(projects.rows.map((row) => row.name)).toEqual(["Moves to its own database"]);
    } finally {
      await own.end();
    }
    expect((await errorOf(owner.billing.startTierMove({ toTier: "ISOLATED" }))).code).toBe("CONFLICT");
    expect(await getBaseDb().tenantMigration.count({ where: { teamId: bystander.id } })).toBe(0);
  });
});

describe("a failed move as the team sees it", () => {
  it("hides the database detail of a failure from the team (operators see it on Platform → Tenants)", async () => {
    const team = await createBareTeam("tier-move-failed-detail");
    await getBaseDb().tenantMigration.create({
      data: { teamId: team.id, fromTier: "SHARED", toTier: "SCHEMA", fromRegion: "global", toRegion: "global", status: "FAILED", error: "connect ECONNREFUSED 10.0.0.5:5432" },
    });
    const view = await callerFor(team.owner, team.id).billing.latestTierMove();
    expect(view).toMatchObject({ status: "FAILED", error: null });
  });
});
