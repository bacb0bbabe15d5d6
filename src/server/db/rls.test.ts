import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTeam, type TestTeam } from "../../../test/factories";
import { getTenantDb } from "./get-tenant-db";
import { AUDITED_MODELS, CONTROL_PLANE_MODELS_WITH_TEAM, TENANT_MODELS } from "./tenant-models";

/**
 * The second wall, tested without Prisma: raw SQL as the application role sees
 * only the team in app.team_id, and nothing when no team is set.
 */
let client: pg.Client;
let a: TestTeam;
let b: TestTeam;

async function asApp(teamId: string | null, sql: string, values: unknown[] = []) {
  await client.query("BEGIN");
  try {
    await client.query("SET LOCAL ROLE eb_app");
    if (teamId !== null) await client.query("SELECT set_config('app.team_id', $1, true)", [teamId]);
    return await client.query(sql, values);
  } finally {
    await client.query("ROLLBACK");
  }
}

beforeAll(async () => {
  client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  [a, b] = await Promise.all([createTeam("rls-a"), createTeam("rls-b")]);
  await (await getTenantDb(a.id)).project.create({ data: { name: "rls A" } });
  await (await getTenantDb(b.id)).project.create({ data: { name: "rls B" } });
});

afterAll(async () => {
  await client.end();
});

describe("row-level security", () => {
  it("shows the app role only the current team's rows", async () => {
    const result = await asApp(a.id, `SELECT DISTINCT "teamId" FROM "Project"`);
    expect(result.rows).toEqual([{ teamId: a.id }]);
  });

  it("shows nothing when no team is set", async () => {
    expect((await asApp(null, `SELECT count(*)::int AS n FROM "Project"`)).rows[0].n).toBe(0);
    expect((await asApp(null, `SELECT count(*)::int AS n FROM "AuditLog"`)).rows[0].n).toBe(0);
  });

  it("refuses to insert or move rows into another team", async () => {
    await expect(asApp(a.id, `INSERT INTO "Project" (id, "teamId", name, "updatedAt") VALUES ('x1', $1, 'n', now())`, [b.id])).rejects.toThrow(
      /row-level security/,
    );
    const moved = await asApp(a.id, `UPDATE "Project" SET "teamId" = $1 RETURNING id`, [b.id]).catch((e: Error) => e);
    expect(moved).toBeInstanceOf(Error);
  });

  it("defaults a new row's team to the connection's team, and refuses a row without one", async () => {
    const inserted = await asApp(a.id, `INSERT INTO "Project" (id, name, "updatedAt") VALUES ('x2', 'n', now()) RETURNING "teamId"`);
    expect(inserted.rows[0].teamId).toBe(a.id);
    await expect(asApp(null, `INSERT INTO "Project" (id, name, "updatedAt") VALUES ('x3', 'n', now())`)).rejects.toThrow();
  });

  it("has the audit trigger on every audited table", async () => {
    const triggers = await client.query<{ table: string }>(
      `SELECT c.relname AS table FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE t.tgname = 'audit_row' AND c.relnamespace = 'public'::regnamespace`,
    );
    expect(triggers.rows.map((r) => r.table).sort()).toEqual([...AUDITED_MODELS].sort());
  });

  it("binds the tables' owner too (FORCE), and lets no one but the trigger write audit rows", async () => {
    const forced = await client.query<{ relname: string; relforcerowsecurity: boolean }>(
      `SELECT relname, relforcerowsecurity FROM pg_class WHERE relname = ANY($1)`,
      [Object.keys(TENANT_MODELS)],
    );
    for (const row of forced.rows) expect(row.relforcerowsecurity, row.relname).toBe(true);
    await expect(
      asApp(a.id, `INSERT INTO "AuditLog" (id, action, model, "recordId") VALUES ('forged', 'insert', 'Project', 'x')`),
    ).rejects.toThrow(/permission denied/);
  });

  it("is not bypassed by the application roles", async () => {
    const roles = await client.query(`SELECT rolname, rolsuper, rolbypassrls FROM pg_roles WHERE rolname IN ('eb_app', 'eb_platform') ORDER BY rolname`);
    expect(roles.rows).toEqual([
      { rolname: "eb_app", rolsuper: false, rolbypassrls: false },
      { rolname: "eb_platform", rolsuper: false, rolbypassrls: false },
    ]);
  });

  it("lets only the platform role see every tenant, and no setting can widen the tenant role's view", async () => {
    await client.query("BEGIN");
    try {
      await client.query("SET LOCAL ROLE eb_app");
      await client.query("SELECT set_config('app.cross_tenant', 'on', true)");
      expect((await client.query(`SELECT count(*)::int AS n FROM "Project"`)).rows[0].n).toBe(0);
      await client.query("SET LOCAL ROLE eb_platform");
      const teams = await client.query(`SELECT DISTINCT "teamId" FROM "Project" WHERE "teamId" = ANY($1)`, [[a.id, b.id]]);
      expect(teams.rows.map((r) => r.teamId).sort()).toEqual([a.id, b.id].sort());
      await expect(client.query(`INSERT INTO "AuditLog" (id, "teamId", action, model, "recordId") VALUES ('p', $1, 'x', 'y', 'z')`, [a.id])).rejects.toThrow(
        /permission denied/,
      );
    } finally {
      await client.query("ROLLBACK");
    }
  });

  it("keeps the index scan: the policy becomes a one-time check, not a per-row filter", async () => {
    const plan = await asApp(a.id, `EXPLAIN SELECT id FROM "Project" WHERE "teamId" = $1 ORDER BY "createdAt" DESC LIMIT 50`, [a.id]);
    const text = plan.rows.map((r) => r["QUERY PLAN"]).join("\n");
    expect(text).toMatch(/Index Scan/);
    expect(text).toMatch(/One-Time Filter/);
  });

  it("protects every tenant table, and every table with a teamId is a tenant table or control plane", async () => {
    const tables = await client.query<{ relname: string; relrowsecurity: boolean; policies: number }>(`
      SELECT c.relname, c.relrowsecurity, (SELECT count(*)::int FROM pg_policies p WHERE p.tablename = c.relname) AS policies
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind = 'r'`);
    const byName = new Map(tables.rows.map((row) => [row.relname, row]));
    for (const model of Object.keys(TENANT_MODELS)) {
      expect(byName.get(model), model).toMatchObject({ relrowsecurity: true });
      expect(byName.get(model)?.policies, model).toBeGreaterThan(0);
    }
    const withTeamId = await client.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'teamId'`,
    );
    for (const { table_name } of withTeamId.rows) {
      expect(Object.hasOwn(TENANT_MODELS, table_name) || CONTROL_PLANE_MODELS_WITH_TEAM.has(table_name), table_name).toBe(true);
    }
  });

  it("lists in TENANT_MODELS every tenant model of the Prisma schema", () => {
    const schema = readFileSync(path.resolve(import.meta.dirname, "../../../prisma/schema.prisma"), "utf8");
    const tenantModels = [...schema.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm)]
      .filter(([, , body]) => /^\s+teamId\s+String\??\s/m.test(body ?? ""))
      .map(([, name]) => name ?? "")
      .filter((name) => !CONTROL_PLANE_MODELS_WITH_TEAM.has(name));
    expect(tenantModels.sort()).toEqual(Object.keys(TENANT_MODELS).sort());
  });
});

describe("a READ_ONLY team (its data is being moved)", () => {
  it("cannot have its rows written by the app on any path, while reads and other teams carry on", async () => {
    const { getBaseDb } = await import("./client");
    const moving = await createTeam("rls-moving");
    const db = await getTenantDb(moving.id);
    const project = await db.project.create({ data: { name: "before the move" }, select: { id: true } });
    await getBaseDb().team.update({ where: { id: moving.id }, data: { status: "READ_ONLY", statusReason: "Moving" } });
    try {
      // The tenant client straight (as a job would use it), not through tRPC's check.
      await expect(db.project.create({ data: { name: "slipped in" } })).rejects.toThrow();
      await expect(db.project.update({ where: { id: project.id }, data: { name: "changed" } })).rejects.toThrow();
      await expect(db.project.delete({ where: { id: project.id } })).rejects.toThrow();
      // Raw SQL as the app role, too.
      await expect(asApp(moving.id, `INSERT INTO "Label" (id, "teamId", name, color) VALUES ('ro-label', $1, 'x', '#000000')`, [moving.id])).rejects.toThrow(/row-level security/);
      expect((await db.project.findMany({ select: { name: true } })).map((p) => p.name)).toEqual(["before the move"]);
      // Another team writes as usual meanwhile.
      await (await getTenantDb(b.id)).label.create({ data: { name: `ro-other-${Date.now()}`, color: "#00ff00" } });
    } finally {
      await getBaseDb().team.update({ where: { id: moving.id }, data: { status: "ACTIVE", statusReason: null } });
    }
    await db.project.update({ where: { id: project.id }, data: { name: "after the move" } });
    expect((await db.project.findMany({ select: { name: true } })).map((p) => p.name)).toEqual(["after the move"]);
  });

  it("every tenant table carries the write guard", async () => {
    const guarded = await client.query<{ tablename: string; n: number }>(
      `SELECT tablename, count(*)::int AS n FROM pg_policies WHERE schemaname = 'public' AND policyname LIKE 'team_writable_%' GROUP BY tablename`,
    );
    const byTable = new Map(guarded.rows.map((row) => [row.tablename, row.n]));
    for (const model of Object.keys(TENANT_MODELS)) expect(byTable.get(model), model).toBe(3);
  });
});
