import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callerFor, createTeam, type TestTeam } from "../../../../test/factories";
import { seedTenantData as seed } from "../../../../test/tenancy";
import { errorOf } from "../../../../test/trpc-errors";
import { getBaseDb } from "../../db/client";
import { schemaClients } from "../../db/tenancy/schema-clients";
import { tenantSchemaName } from "../../db/tenancy/schema-name";
import { TENANT_MODELS } from "../../db/tenant-models";
import { DomainError } from "../../errors";
import { getJobDefinition } from "../../jobs/registry";
import { cleanupMigratedTenants } from "./migration-cleanup";
import { MigrationVerifyError, runTenantMigration, type MigrationEngineOptions } from "./migration-engine";
import { MIGRATION_TABLE_ORDER } from "./migration-tables";
import { latestTenantMigration, startTenantMigration } from "./migration";
import type { MigrationProgress } from "./migration";
import { pinTestTier } from "../../../../test/tenant-tier";

// This file tests placements itself: its teams start SHARED in every per-tier run.
pinTestTier("SHARED");

/**
 * The tier migration engine on the machine's PostgreSQL, with tenant data made
 * through the real routers: SHARED → SCHEMA → SHARED keeps every row of every
 * tenant table identical, crashes mid-copy resume without losing or duplicating
 * rows, a verification failure rolls back, and the team is never left locked.
 */
let admin: pg.Client;
const db = getBaseDb();

beforeAll(async () => {
  admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
});

afterAll(async () => {
  await schemaClients().closeAll();
  // Other files look at every schema's tables (e.g. the audit-trigger check): leave none behind.
  const teams = await db.tenantMigration.findMany({ where: { teamId: { in: createdTeams } }, select: { teamId: true }, distinct: ["teamId"] });
  for (const { teamId } of teams) await admin.query(`DROP SCHEMA IF EXISTS "${tenantSchemaName(teamId)}" CASCADE`);
  await admin.end();
});

const createdTeams: string[] = [];
async function newTeam(label: string, status?: "SOFT_LOCKED" | "READ_ONLY"): Promise<TestTeam> {
  const created = await createTeam(label, status);
  createdTeams.push(created.id);
  return created;
}

/** Small batches so every table spans several. */
const engine = (options: MigrationEngineOptions = {}) => ({ settleMs: 0, batchSize: 2, ...options });

/** Every row of every tenant table of the team in `schema`, all columns, as JSON text, sorted. */
async function snapshot(teamId: string, schema: string): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const table of MIGRATION_TABLE_ORDER) {
    const result = await admin.query<{ row: string }>(`SELECT row_to_json(t)::text AS row FROM "${schema}"."${table}" t WHERE "teamId" = $1 ORDER BY 1`, [teamId]);
    out[table] = result.rows.map((row) => row.row);
  }
  return out;
}

async function teamState(teamId: string) {
  return db.team.findUniqueOrThrow({ where: { id: teamId }, select: { tier: true, status: true, statusReason: true } });
}

async function schemaExists(schema: string): Promise<boolean> {
  return ((await admin.query("SELECT 1 FROM pg_namespace WHERE nspname = $1", [schema])).rowCount ?? 0) > 0;
}

function sizes(snap: Record<string, string[]>): number {
  return Object.values(snap).reduce((sum, rows) => sum + rows.length, 0);
}

describe("tier migration engine", () => {
  it("copies tables parents first and knows every tenant table", async () => {
    expect([...MIGRATION_TABLE_ORDER].sort()).toEqual(Object.keys(TENANT_MODELS).sort());
    const fks = await admin.query<{ child: string; parent: string }>(
      `SELECT c.relname AS child, p.relname AS parent FROM pg_constraint k
         JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid
        WHERE k.contype = 'f' AND c.relnamespace = 'public'::regnamespace AND c.relname = ANY($1)`,
      [MIGRATION_TABLE_ORDER],
    );
    expect(fks.rows.length).toBeGreaterThan(5);
    for (const { child, parent } of fks.rows) {
      expect(MIGRATION_TABLE_ORDER, `${parent} before ${child}`).toContain(parent);
      expect(MIGRATION_TABLE_ORDER.indexOf(parent as never)).toBeLessThan(MIGRATION_TABLE_ORDER.indexOf(child as never));
    }
  });

  it("moves SHARED → SCHEMA → SHARED with every row identical, locks the team meanwhile, reports progress, and cleans the source after the grace", async () => {
    const [team, other] = await Promise.all([newTeam("mig-main"), newTeam("mig-other")]);
    await seed(team, "main");
    await seed(other, "other");
    const before = await snapshot(team.id, "public");
    const otherBefore = await snapshot(other.id, "public");
    expect(before.AuditLog?.length).toBeGreaterThan(0);
    expect(before.DocumentChunk).toHaveLength(3);

    const started = await startTenantMigration({ teamId: team.id, toTier: "SCHEMA", requestedById: team.owner.id });
    expect(started).toMatchObject({ teamId: team.id, fromTier: "SHARED", toTier: "SCHEMA", status: "PENDING", step: "queued", progress: null });
    expect(await db.jobRun.count({ where: { key: `migrate-tenant:${started.id}` } })).toBe(1);

    const progress: MigrationProgress[] = [];
    let lockedError: { code: string; message: string } | null = null;
    const done = await runTenantMigration(
      started.id,
      engine({
        onProgress: async (value) => {
          progress.push(structuredClone(value));
        },
        hooks: {
          afterBatch: async ({ batch }) => {
            if (batch !== 3) return;
            expect((await teamState(team.id)).status).toBe("READ_ONLY");
            lockedError = await errorOf(callerFor(team.owner, team.id).project.create({ name: "during the move" }));
            // Reads still work, from the source.
            expect((await callerFor(team.owner, team.id).project.list({})).items).toHaveLength(1);
          },
        },
      }),
    );
    expect(lockedError).toMatchObject({ message: expect.stringMatching(/Moving your data to a dedicated schema/) });
    expect(done).toMatchObject({ status: "COMPLETED", step: "unlocked", error: null });
    expect(done.progress).toMatchObject({ rowsTotal: sizes(before), rowsCopied: sizes(before), percent: 100 });
    expect(done.progress?.tables.find((table) => table.name === "Task")).toEqual({ name: "Task", total: 5, copied: 5 });
    expect(progress.length).toBeGreaterThan(5);
    expect(progress.some((value) => value.percent > 0 && value.percent < 100)).toBe(true);
    expect(progress.map((value) => value.rowsCopied)).toEqual([...progress.map((value) => value.rowsCopied)].sort((a, b) => a - b));

    expect(await teamState(team.id)).toEqual({ tier: "SCHEMA", status: "ACTIVE", statusReason: null });
    const schema = tenantSchemaName(team.id);
    expect(await snapshot(team.id, schema)).toEqual(before);
    // The routers now read and write the schema.
    const api = callerFor(team.owner, team.id);
    expect((await api.project.list({})).items.map((row) => row.name)).toEqual(["main project"]);
    expect((await latestTenantMigration(team.id))?.status).toBe("COMPLETED");

    // The source stays for the grace period, then goes; the other team keeps everything.
    const row = await db.tenantMigration.findUniqueOrThrow({ where: { id: started.id }, select: { cleanupAfter: true, activeTeamId: true } });
    expect(row.activeTeamId).toBeNull();
    const cleanupAfter = row.cleanupAfter ?? new Date(0);
    expect(cleanupAfter.getTime()).toBeGreaterThan(Date.now() + 23 * 3_600_000);
    expect((await cleanupMigratedTenants({ now: new Date(cleanupAfter.getTime() - 60_000), teamIds: [team.id] })).cleaned).toEqual([]);
    expect(await snapshot(team.id, "public")).toEqual(before);
    expect((await cleanupMigratedTenants({ now: new Date(cleanupAfter.getTime() + 60_000), teamIds: [team.id, other.id] })).cleaned).toEqual([started.id]);
    expect(sizes(await snapshot(team.id, "public"))).toBe(0);
    expect(await snapshot(team.id, schema)).toEqual(before);
    expect(await snapshot(other.id, "public")).toEqual(otherBefore);

    // New data on the SCHEMA tier, then back to SHARED.
    await api.project.create({ name: "made on the schema tier" });
    const onSchema = await snapshot(team.id, schema);
    const back = await startTenantMigration({ teamId: team.id, toTier: "SHARED", requestedById: null });
    expect(await runTenantMigration(back.id, engine())).toMatchObject({ status: "COMPLETED", fromTier: "SCHEMA", toTier: "SHARED" });
    expect(await teamState(team.id)).toEqual({ tier: "SHARED", status: "ACTIVE", statusReason: null });
    expect(await snapshot(team.id, "public")).toEqual(onSchema);
    expect((await api.project.list({})).items).toHaveLength(2);
    expect(await schemaExists(schema)).toBe(true);
    const backRow = await db.tenantMigration.findUniqueOrThrow({ where: { id: back.id }, select: { cleanupAfter: true } });
    await cleanupMigratedTenants({ now: new Date((backRow.cleanupAfter ?? new Date(0)).getTime() + 60_000), teamIds: [team.id] });
    expect(await schemaExists(schema)).toBe(false);
    expect(await snapshot(team.id, "public")).toEqual(onSchema);
    expect(await snapshot(other.id, "public")).toEqual(otherBefore);
  });

  it("resumes after crashes at several points of the copy without losing or duplicating rows", async () => {
    const [team, other] = await Promise.all([newTeam("mig-crash"), newTeam("mig-crash-other")]);
    await seed(team, "crash");
    await seed(other, "crash-other");
    const before = await snapshot(team.id, "public");
    const otherBefore = await snapshot(other.id, "public");
    const { id } = await startTenantMigration({ teamId: team.id, toTier: "SCHEMA", requestedById: null });

    const copiedAtCrash: number[] = [];
    for (const failAt of [1, 4, 9]) {
      const crash = runTenantMigration(
        id,
        engine({
          hooks: {
            afterBatch: ({ batch, copied }) => {
              if (batch !== failAt) return;
              copiedAtCrash.push(copied);
              throw new Error(`killed after batch ${failAt}`);
            },
          },
        }),
      );
      await expect(crash).rejects.toThrow(`killed after batch ${failAt}`);
      expect(await latestTenantMigration(team.id)).toMatchObject({ status: "RUNNING", step: "provisioned" });
      expect((await teamState(team.id)).status).toBe("READ_ONLY");
    }
    // Each run went on from where the last one stopped.
    expect(copiedAtCrash[1]).toBeGreaterThan(copiedAtCrash[0] ?? 0);
    expect(copiedAtCrash[2]).toBeGreaterThan(copiedAtCrash[1] ?? 0);

    expect(await runTenantMigration(id, engine())).toMatchObject({ status: "COMPLETED", progress: { rowsCopied: sizes(before), percent: 100 } });
    expect(await snapshot(team.id, tenantSchemaName(team.id))).toEqual(before);
    expect(await teamState(team.id)).toEqual({ tier: "SCHEMA", status: "ACTIVE", statusReason: null });
    expect(await snapshot(other.id, "public")).toEqual(otherBefore);
    // Running the finished job again changes nothing.
    expect(await runTenantMigration(id, engine())).toMatchObject({ status: "COMPLETED" });
    expect(await snapshot(team.id, tenantSchemaName(team.id))).toEqual(before);
  });

  it("rolls back and unlocks when verification finds a difference", async () => {
    const [team, other] = await Promise.all([newTeam("mig-verify"), newTeam("mig-verify-other")]);
    await seed(team, "verify");
    const before = await snapshot(team.id, "public");
    const { id } = await startTenantMigration({ teamId: team.id, toTier: "SCHEMA", requestedById: null });
    const schema = tenantSchemaName(team.id);
    const run = runTenantMigration(
      id,
      engine({
        hooks: {
          beforeVerify: async () => {
            await admin.query(`UPDATE "${schema}"."TaskComment" SET body = 'tampered' WHERE id = (SELECT min(id) FROM "${schema}"."TaskComment")`);
          },
        },
      }),
    );
    await expect(run).rejects.toBeInstanceOf(MigrationVerifyError);
    const view = await latestTenantMigration(team.id);
    expect(view).toMatchObject({ status: "FAILED", error: expect.stringMatching(/Verification failed for TaskComment/) });
    expect(await db.tenantMigration.findUniqueOrThrow({ where: { id }, select: { activeTeamId: true } })).toEqual({ activeTeamId: null });
    expect(await teamState(team.id)).toEqual({ tier: "SHARED", status: "ACTIVE", statusReason: null });
    expect(await schemaExists(schema)).toBe(false);
    expect(await snapshot(team.id, "public")).toEqual(before);
    await callerFor(team.owner, team.id).project.create({ name: "writes work again" });
    expect((await callerFor(other.owner, other.id).project.list({})).items).toEqual([]);
  });

  it("rolls back when the copy in the team's own schema holds another team's row", async () => {
    const [team, other] = await Promise.all([newTeam("mig-foreign"), newTeam("mig-foreign-other")]);
    await seed(team, "foreign");
    const { id } = await startTenantMigration({ teamId: team.id, toTier: "SCHEMA", requestedById: null });
    const schema = tenantSchemaName(team.id);
    const run = runTenantMigration(
      id,
      engine({
        hooks: {
          beforeVerify: async () => {
            await admin.query(`INSERT INTO "${schema}"."Label" (id, "teamId", name, color) VALUES ('foreign-label', $1, 'theirs', '#000000')`, [other.id]);
          },
        },
      }),
    );
    await expect(run).rejects.toBeInstanceOf(MigrationVerifyError);
    expect(await latestTenantMigration(team.id)).toMatchObject({ status: "FAILED", error: expect.stringMatching(/holds rows of another team/) });
    expect(await teamState(team.id)).toEqual({ tier: "SHARED", status: "ACTIVE", statusReason: null });
  });

  it("rolls back when the job fails for good mid-copy (SCHEMA → SHARED): the team is unlocked and keeps its data", async () => {
    const team = await newTeam("mig-final");
    await seed(team, "final");
    const up = await startTenantMigration({ teamId: team.id, toTier: "SCHEMA", requestedById: null });
    await runTenantMigration(up.id, engine());
    const onSchema = await snapshot(team.id, tenantSchemaName(team.id));
    await cleanupMigratedTenants({ now: new Date(Date.now() + 48 * 3_600_000), teamIds: [team.id] });

    const down = await startTenantMigration({ teamId: team.id, toTier: "SHARED", requestedById: null });
    const failing = runTenantMigration(down.id, engine({ hooks: { afterBatch: ({ batch }) => { if (batch === 5) throw new Error("connection lost"); } } }));
    await expect(failing).rejects.toThrow("connection lost");
    expect(sizes(await snapshot(team.id, "public"))).toBeGreaterThan(0);

    await getJobDefinition("migrate-tenant")?.onFinalFailure({ migrationId: down.id }, new Error("connection lost"), { runId: "r1" });
    expect(await latestTenantMigration(team.id)).toMatchObject({ status: "FAILED", error: expect.stringMatching(/connection lost/) });
    expect(await teamState(team.id)).toEqual({ tier: "SCHEMA", status: "ACTIVE", statusReason: null });
    expect(sizes(await snapshot(team.id, "public"))).toBe(0);
    expect(await snapshot(team.id, tenantSchemaName(team.id))).toEqual(onSchema);
    expect((await callerFor(team.owner, team.id).project.list({})).items).toHaveLength(1);
  });

  it("refuses the same tier, a second move, an unoffered region, a locked team, an unconfigured region and an unknown team", async () => {
    const [team, locked, readOnly, badRegion] = await Promise.all([
      newTeam("mig-refuse"),
      newTeam("mig-soft", "SOFT_LOCKED"),
      newTeam("mig-ro", "READ_ONLY"),
      newTeam("mig-region"),
    ]);
    await db.team.update({ where: { id: badRegion.id }, data: { region: "Not A Region!" } });
    const codeOf = async (promise: Promise<unknown>) => {
      const error = await promise.then(() => null, (caught: unknown) => caught);
      expect(error).toBeInstanceOf(DomainError);
      return error instanceof DomainError ? { code: error.code, message: error.message } : null;
    };
    expect(await codeOf(startTenantMigration({ teamId: team.id, toTier: "SHARED", requestedById: null }))).toEqual({
      code: "CONFLICT",
      message: "This team is already on the SHARED tier.",
    });
    expect(await codeOf(startTenantMigration({ teamId: team.id, toTier: "SCHEMA", toRegion: "mars", requestedById: null }))).toMatchObject({
      code: "UNPROCESSABLE",
      message: "The data region mars is not offered by this installation.",
    });
    expect(await codeOf(startTenantMigration({ teamId: locked.id, toTier: "SCHEMA", requestedById: null }))).toMatchObject({ code: "UNPROCESSABLE", message: expect.stringMatching(/unpaid invoice/) });
    expect(await codeOf(startTenantMigration({ teamId: readOnly.id, toTier: "SCHEMA", requestedById: null }))).toMatchObject({ code: "UNPROCESSABLE" });
    expect(await codeOf(startTenantMigration({ teamId: badRegion.id, toTier: "SCHEMA", requestedById: null }))).toMatchObject({ code: "UNPROCESSABLE", message: expect.stringMatching(/region/) });
    expect(await codeOf(startTenantMigration({ teamId: "no-such-team", toTier: "SCHEMA", requestedById: null }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await codeOf(startTenantMigration({ teamId: team.id, toTier: "MOON" as never, requestedById: null }))).toMatchObject({ code: "BAD_REQUEST" });

    const first = await startTenantMigration({ teamId: team.id, toTier: "SCHEMA", requestedById: null });
    expect(await codeOf(startTenantMigration({ teamId: team.id, toTier: "SCHEMA", requestedById: null }))).toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/already being moved/) });
    // Two at once: the unique active-team key lets exactly one through.
    await runTenantMigration(first.id, engine());
    const results = await Promise.allSettled([
      startTenantMigration({ teamId: team.id, toTier: "SHARED", requestedById: null }),
      startTenantMigration({ teamId: team.id, toTier: "SHARED", requestedById: null }),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect(await db.tenantMigration.count({ where: { activeTeamId: team.id } })).toBe(1);
    expect(await db.tenantMigration.count({ where: { teamId: locked.id } })).toBe(0);
  });
});

describe("on the embedded single-session database", () => {
  it("refuses to start a move, with a message saying what is needed, and stores nothing", async () => {
    const team = await createTeam("migration-embedded");
    process.env.EMBEDDED_DATABASE = "pglite";
    try {
      const error = await startTenantMigration({ teamId: team.id, toTier: "SCHEMA", requestedById: null }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe("UNPROCESSABLE");
      expect((error as DomainError).message).toMatch(/needs a PostgreSQL server/);
    } finally {
      delete process.env.EMBEDDED_DATABASE;
    }
    expect(await latestTenantMigration(team.id)).toBeNull();
  });
});

describe("guards added after review", () => {
  it("never switches a move that was rolled back meanwhile", async () => {
    const team = await createTeam("migration-no-switch");
    const { id } = await startTenantMigration({ teamId: team.id, toTier: "SCHEMA", requestedById: null });
    // A taken-over attempt rolled the move back while this run was verifying.
    const run = runTenantMigration(id, {
      settleMs: 0,
      batchSize: 2,
      hooks: {
        beforeVerify: async () => {
          await getBaseDb().tenantMigration.update({ where: { id }, data: { status: "FAILED", activeTeamId: null } });
        },
      },
    });
    await expect(run).rejects.toThrow();
    expect((await getBaseDb().team.findUniqueOrThrow({ where: { id: team.id }, select: { tier: true } })).tier).toBe("SHARED");
  });

  it("cleanup holds the moves' per-team lock: while a move's run holds it, the source is kept, and it goes once the lock is free", async () => {
    const [team, other] = await Promise.all([newTeam("mig-clean-lock"), newTeam("mig-clean-other")]);
    await callerFor(team.owner, team.id).project.create({ name: "kept while locked" });
    await callerFor(other.owner, other.id).project.create({ name: "other" });
    const otherBefore = await snapshot(other.id, "public");
    const up = await startTenantMigration({ teamId: team.id, toTier: "SCHEMA", requestedById: null });
    await runTenantMigration(up.id, engine());
    const left = await snapshot(team.id, "public");
    expect(sizes(left)).toBeGreaterThan(0);

    // A concurrent holder of the lock a move's run takes (a move starting right after
    // cleanup looked for an active one): cleanup must not empty what the move works on.
    const holder = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await holder.connect();
    try {
      const taken = await holder.query<{ ok: boolean }>("SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS ok", [`ebos:tier-migration:${team.id}`]);
      expect(taken.rows[0]?.ok).toBe(true);
      const later = new Date(Date.now() + 48 * 3_600_000);
      const whileHeld = await cleanupMigratedTenants({ now: later, teamIds: [team.id] });
      expect(whileHeld).toEqual({ cleaned: [], skipped: [up.id], failed: [] });
      expect(await snapshot(team.id, "public")).toEqual(left);
      // Nor is the move marked cleaned: a later run does it.
      expect((await db.tenantMigration.findUniqueOrThrow({ where: { id: up.id }, select: { step: true } })).step).toBe("unlocked");

      await holder.query("SELECT pg_advisory_unlock(hashtextextended($1, 0))", [`ebos:tier-migration:${team.id}`]);
      expect(await cleanupMigratedTenants({ now: later, teamIds: [team.id, other.id] })).toEqual({ cleaned: [up.id], skipped: [], failed: [] });
      expect(sizes(await snapshot(team.id, "public"))).toBe(0);
      expect(sizes(await snapshot(team.id, tenantSchemaName(team.id)))).toBe(sizes(left));
      expect(await snapshot(other.id, "public")).toEqual(otherBefore);
    } finally {
      await holder.end();
    }
  });
});
