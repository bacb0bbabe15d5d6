import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTeam, uniqueSuffix } from "../../../../test/factories";
import { getBaseDb } from "../../db/client";
import { PgSchemaProvisioner } from "../../db/tenancy/pg-schema-provisioner";
import { quoteIdent, tenantSchemaName } from "../../db/tenancy/schema-name";
import { ValidationError } from "../../errors";
import { tenantDatabaseMarker } from "../../db/tenancy/pg-database-provisioner";
import { latestSyncResult, syncTenantSchemas, type SyncReport } from "./sync";
import { describeSyncError } from "./sync-error";
import { pinTestTier } from "../../../../test/tenant-tier";

// This file tests placements itself: its teams start SHARED in every per-tier run.
pinTestTier("SHARED");

/**
 * Schema sync over 20 SCHEMA tenants with one broken, on the machine's PostgreSQL.
 *
 * The pending migration is simulated on the tenant side: each tenant's copy of
 * "Project" loses its `status` column (enum, NOT NULL, with a default) and its
 * (teamId, createdAt) index, which is exactly the difference a new migration on
 * public would leave. Changing public itself would race the other test files,
 * which provision schemas and compare them with public while this file runs.
 */
const db = getBaseDb();
const provisioner = new PgSchemaProvisioner();
const INDEX = "Project_teamId_createdAt_idx";
let admin: pg.Client;
let teams: string[] = [];
let outsider = "";
let broken = "";
let isolated = "";

const schemaOf = (teamId: string) => quoteIdent(tenantSchemaName(teamId));

async function columnsOf(teamId: string, table: string): Promise<string[]> {
  const result = await admin.query<{ name: string }>(
    `SELECT a.attname AS name FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
      WHERE c.relnamespace = $1::regnamespace AND c.relname = $2 AND a.attnum > 0 AND NOT a.attisdropped`,
    [tenantSchemaName(teamId), table],
  );
  return result.rows.map((row) => row.name);
}

async function hasIndex(teamId: string, name: string): Promise<boolean> {
  const result = await admin.query<{ found: boolean }>(
    "SELECT EXISTS (SELECT 1 FROM pg_class WHERE relnamespace = $1::regnamespace AND relname = $2 AND relkind = 'i') AS found",
    [tenantSchemaName(teamId), name],
  );
  return result.rows[0]?.found === true;
}

async function makeBehind(teamId: string): Promise<void> {
  await admin.query(`ALTER TABLE ${schemaOf(teamId)}."Project" DROP COLUMN "status"`);
  await admin.query(`DROP INDEX ${schemaOf(teamId)}.${quoteIdent(INDEX)}`);
}

function byTeam(report: SyncReport, teamId: string) {
  const result = report.results.find((row) => row.teamId === teamId);
  if (!result) throw new Error(`No result for ${teamId}`);
  return result;
}

async function inBatches<T>(items: T[], size: number, fn: (item: T) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(fn));
}

beforeAll(async () => {
  admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  const created = await Promise.all(Array.from({ length: 21 }, (_, i) => createTeam(`sync-${i}`)));
  teams = created.slice(0, 20).map((team) => team.id);
  outsider = created[20]?.id ?? "";
  broken = teams[7] ?? "";
  await inBatches([...teams, outsider], 5, async (teamId) => {
    await provisioner.provision({ teamId, region: "global", tier: "SCHEMA" });
    await db.team.update({ where: { id: teamId }, data: { tier: "SCHEMA" }, select: { id: true } });
  });
  isolated = (await createTeam("sync-isolated")).id;
  await db.team.update({ where: { id: isolated }, data: { tier: "ISOLATED" }, select: { id: true } });
}, 120_000);

afterAll(async () => {
  await inBatches([...teams, outsider], 5, (teamId) => provisioner.deprovision({ teamId, region: "global", tier: "SCHEMA" }));
  await db.team.updateMany({ where: { id: { in: [...teams, outsider, isolated] } }, data: { tier: "SHARED" } });
  await admin.end();
}, 120_000);

describe("syncTenantSchemas", () => {
  it("applies a pending change to 20 tenants at concurrency 4, continues past a broken one, stores the report and is safe to re-run", async () => {
    for (const teamId of [...teams, outsider]) await makeBehind(teamId);
    // One tenant has rows in Project: the NOT NULL column comes with its default.
    const withRows = teams[3] ?? "";
    await admin.query("BEGIN");
    await admin.query("SELECT set_config('app.team_id', $1, true)", [withRows]);
    await admin.query(`INSERT INTO ${schemaOf(withRows)}."Project" (id, "teamId", name, "updatedAt") VALUES ($1, $2, 'Kept', now())`, [`p_${uniqueSuffix()}`, withRows]);
    await admin.query("COMMIT");
    // Break one tenant: a table squats on the index's name, so CREATE INDEX fails.
    await admin.query(`CREATE TABLE ${schemaOf(broken)}.${quoteIdent(INDEX)} (x int)`);

    const first = await syncTenantSchemas({ concurrency: 4, teamIds: teams });
    expect(first.results).toHaveLength(20);
    const failed = first.results.filter((row) => row.outcome === "failed");
    expect(failed.map((row) => row.teamId)).toEqual([broken]);
    expect(failed[0]?.error).toContain(`"${INDEX}" already exists`);
    const applied = first.results.filter((row) => row.outcome === "applied");
    expect(applied).toHaveLength(19);
    for (const row of applied) {
      expect(row.target).toBe(tenantSchemaName(row.teamId));
      expect(row.changes.some((line) => line.includes(`ADD COLUMN "status" ${schemaOf(row.teamId)}."ProjectStatus" DEFAULT`) && line.endsWith("NOT NULL"))).toBe(true);
      expect(row.changes.some((line) => line.startsWith("CREATE INDEX") && line.includes(`"${INDEX}" ON ${schemaOf(row.teamId)}."Project"`))).toBe(true);
      expect(await columnsOf(row.teamId, "Project")).toContain("status");
      expect(await hasIndex(row.teamId, INDEX)).toBe(true);
    }
    const kept = await admin.query<{ status: string }>(`SELECT status::text AS status FROM ${schemaOf(withRows)}."Project"`);
    expect(kept.rows).toEqual([{ status: "ACTIVE" }]);
    // The broken tenant's changes were rolled back whole.
    expect(await columnsOf(broken, "Project")).not.toContain("status");
    // The team outside the run was not touched.
    expect(await columnsOf(outsider, "Project")).not.toContain("status");
    expect(await latestSyncResult(outsider)).toBeNull();

    // Stored: the run and one result per tenant.
    const run = await db.tenantSyncRun.findUniqueOrThrow({
      where: { id: first.runId },
      select: { status: true, concurrency: true, applied: true, current: true, failed: true, finishedAt: true, _count: { select: { results: true } } },
    });
    expect(run).toMatchObject({ status: "finished", concurrency: 4, applied: 19, current: 0, failed: 1, _count: { results: 20 } });
    expect(run.finishedAt).not.toBeNull();
    const stored = await db.tenantSyncResult.findFirstOrThrow({ where: { runId: first.runId, teamId: broken }, select: { outcome: true, error: true, changes: true } });
    expect(stored).toEqual({ outcome: "failed", error: failed[0]?.error, changes: [] });
    const storedApplied = await db.tenantSyncResult.findFirstOrThrow({ where: { runId: first.runId, teamId: withRows }, select: { outcome: true, changes: true } });
    expect(storedApplied).toEqual({ outcome: "applied", changes: byTeam(first, withRows).changes });

    // Re-run: the 19 are current (no DDL), the broken one fails again with its error.
    const second = await syncTenantSchemas({ concurrency: 4, teamIds: teams });
    expect(second.results.filter((row) => row.outcome === "current")).toHaveLength(19);
    expect(second.results.filter((row) => row.outcome === "current").every((row) => row.changes.length === 0)).toBe(true);
    expect(byTeam(second, broken)).toMatchObject({ outcome: "failed", error: failed[0]?.error });
    expect(await latestSyncResult(broken)).toMatchObject({ outcome: "failed", error: failed[0]?.error });

    // Fixed: the next run applies it.
    await admin.query(`DROP TABLE ${schemaOf(broken)}.${quoteIdent(INDEX)}`);
    const third = await syncTenantSchemas({ concurrency: 2, teamIds: [broken] });
    expect(third.results.map((row) => [row.teamId, row.outcome])).toEqual([[broken, "applied"]]);
    expect(await columnsOf(broken, "Project")).toContain("status");
    expect(await latestSyncResult(broken)).toMatchObject({ outcome: "applied", error: null });
  }, 120_000);

  it("lets two syncs of one tenant at once apply the change once", async () => {
    const teamId = teams[5] ?? "";
    await makeBehind(teamId);
    const reports = await Promise.all([syncTenantSchemas({ concurrency: 1, teamIds: [teamId] }), syncTenantSchemas({ concurrency: 1, teamIds: [teamId] })]);
    expect(reports.map((report) => byTeam(report, teamId).outcome).sort()).toEqual(["applied", "current"]);
    expect(await columnsOf(teamId, "Project")).toContain("status");
  });

  it("reports columns and indexes only the tenant has as drift, and keeps them", async () => {
    const teamId = teams[11] ?? "";
    await admin.query(`ALTER TABLE ${schemaOf(teamId)}."Task" ADD COLUMN "handFix" text`);
    await admin.query(`CREATE INDEX "Task_handFix_idx" ON ${schemaOf(teamId)}."Task" ("handFix")`);
    const report = await syncTenantSchemas({ concurrency: 1, teamIds: [teamId, teams[12] ?? ""] });
    expect(byTeam(report, teamId)).toMatchObject({
      outcome: "current",
      changes: ["-- drift (kept): column Task.handFix exists only in the tenant schema", "-- drift (kept): index Task.Task_handFix_idx exists only in the tenant schema"],
    });
    expect(byTeam(report, teams[12] ?? "")).toMatchObject({ outcome: "current", changes: [] });
    expect(await columnsOf(teamId, "Task")).toContain("handFix");
    expect(await hasIndex(teamId, "Task_handFix_idx")).toBe(true);
  });

  it("applies a changed column type, default and nullability, keeping the rows, and is current afterwards", async () => {
    const teamId = teams[13] ?? "";
    const project = `${schemaOf(teamId)}."Project"`;
    // The shape an older migration left: name was varchar(40) and nullable, description had a default, status none.
    await admin.query(`ALTER TABLE ${project} ALTER COLUMN "name" TYPE varchar(40), ALTER COLUMN "name" DROP NOT NULL`);
    await admin.query(`ALTER TABLE ${project} ALTER COLUMN "description" SET DEFAULT 'none'`);
    await admin.query(`ALTER TABLE ${project} ALTER COLUMN "status" DROP DEFAULT`);
    await admin.query(`SELECT set_config('app.team_id', $1, false)`, [teamId]);
    await admin.query(`INSERT INTO ${project} (id, "teamId", name, status, "updatedAt") VALUES ('kept-row', $1, 'Kept', 'ACTIVE', now())`, [teamId]);
    const report = await syncTenantSchemas({ concurrency: 1, teamIds: [teamId] });
    const result = byTeam(report, teamId);
    expect(result.outcome).toBe("applied");
    expect(result.changes).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/ALTER COLUMN "name" TYPE text USING "name"::text$/),
        expect.stringMatching(/ALTER COLUMN "name" SET NOT NULL$/),
        expect.stringMatching(/ALTER COLUMN "description" DROP DEFAULT$/),
        expect.stringMatching(/ALTER COLUMN "status" SET DEFAULT 'ACTIVE'::/),
      ]),
    );
    const shape = async (schema: string) =>
      (
        await admin.query<{ column: string; type: string; notNull: boolean; hasDefault: boolean }>(
          `SELECT a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS "notNull", a.atthasdef AS "hasDefault"
             FROM pg_attribute a WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attname`,
          [`${schema}."Project"`],
        )
      ).rows.map((row) => ({ ...row, type: row.type.replace(/^tenant_[a-z0-9_]+\./, "") })); // enums are the schema's own; earlier tests re-added status last
    expect(await shape(schemaOf(teamId))).toEqual(await shape("public"));
    expect((await admin.query(`SELECT name FROM ${project} WHERE id = 'kept-row'`)).rows).toEqual([{ name: "Kept" }]);
    expect(byTeam(await syncTenantSchemas({ concurrency: 1, teamIds: [teamId] }), teamId)).toMatchObject({ outcome: "current", changes: [] });
  });

  it("migrates ISOLATED teams' own databases: an unmigrated one gets every migration, then is current; a missing or foreign one fails alone", async () => {
    const [ready, foreign] = await Promise.all([createTeam("sync-iso-ready"), createTeam("sync-iso-foreign")]);
    await db.team.updateMany({ where: { id: { in: [ready.id, foreign.id] } }, data: { tier: "ISOLATED" } });
    const readyDb = tenantSchemaName(ready.id);
    const foreignDb = tenantSchemaName(foreign.id);
    // Ours (marked) but never migrated, as a provisioning cut off after CREATE DATABASE leaves it.
    await admin.query(`CREATE DATABASE ${quoteIdent(readyDb)}`);
    await admin.query(`COMMENT ON DATABASE ${quoteIdent(readyDb)} IS '${tenantDatabaseMarker(ready.id)}'`);
    await admin.query(`CREATE DATABASE ${quoteIdent(foreignDb)}`);
    try {
      const ids = [isolated, ready.id, foreign.id];
      const first = await syncTenantSchemas({ concurrency: 2, teamIds: ids });
      expect(byTeam(first, isolated)).toMatchObject({ outcome: "failed", error: expect.stringMatching(/does not exist/) });
      expect(byTeam(first, foreign.id)).toMatchObject({ outcome: "failed", error: expect.stringMatching(/does not belong to this team/) });
      expect(byTeam(first, ready.id)).toMatchObject({ outcome: "applied", target: `database ${readyDb}` });
      expect(byTeam(first, ready.id)?.changes).toContain("migration 20261124140000_read_only_writes");
      const tables = new pg.Client({ connectionString: new URL(`/${readyDb}`, process.env.DATABASE_URL).toString() });
      await tables.connect();
      try {
        const found = await tables.query(`SELECT to_regclass('public."Project"')::text AS project, to_regclass('public."DocumentChunk"')::text AS chunk`);
        expect(found.rows[0]).toEqual({ project: '"Project"', chunk: '"DocumentChunk"' });
      } finally {
        await tables.end();
      }
      // Safe to re-run: nothing pending now.
      const second = await syncTenantSchemas({ concurrency: 2, teamIds: [ready.id] });
      expect(byTeam(second, ready.id)).toMatchObject({ outcome: "current", changes: [] });
      // A stranger's database was not migrated.
      const strangerTables = new pg.Client({ connectionString: new URL(`/${foreignDb}`, process.env.DATABASE_URL).toString() });
      await strangerTables.connect();
      try {
        expect((await strangerTables.query(`SELECT to_regclass('public."Project"')::text AS project`)).rows[0]).toEqual({ project: null });
      } finally {
        await strangerTables.end();
      }
    } finally {
      await db.team.updateMany({ where: { id: { in: [ready.id, foreign.id] } }, data: { tier: "SHARED" } });
      await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(readyDb)} WITH (FORCE)`);
      await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(foreignDb)} WITH (FORCE)`);
    }
  });

  it("refuses teams without a tenant schema or database, and bad options", async () => {
    const shared = await createTeam("sync-shared");
    await expect(syncTenantSchemas({ concurrency: 2, teamIds: [shared.id] })).rejects.toBeInstanceOf(ValidationError);
    await expect(syncTenantSchemas({ concurrency: 0 })).rejects.toBeInstanceOf(ValidationError);
    await expect(syncTenantSchemas({ concurrency: 33 })).rejects.toBeInstanceOf(ValidationError);
    expect(await latestSyncResult(shared.id)).toBeNull();
    await expect(latestSyncResult("")).rejects.toBeInstanceOf(ValidationError);
  });
});

describe("describeSyncError", () => {
  it("says plainly that a NOT NULL column without a default cannot be added to a table with rows", async () => {
    const table = `sync_notnull_${uniqueSuffix()}`;
    await admin.query("BEGIN");
    try {
      await admin.query(`CREATE TEMP TABLE ${table} (a int) ON COMMIT DROP`);
      await admin.query(`INSERT INTO ${table} VALUES (1)`);
      const error: unknown = await admin.query(`ALTER TABLE ${table} ADD COLUMN b int NOT NULL`).then(
        () => null,
        (caught: unknown) => caught,
      );
      expect(describeSyncError(error)).toMatch(new RegExp(`^Column ${table}\\.b is NOT NULL without a default and the tenant's table has rows`));
    } finally {
      await admin.query("ROLLBACK");
    }
    expect(describeSyncError(new Error("boom"))).toBe("boom");
  });
});
