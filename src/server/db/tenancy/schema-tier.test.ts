import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callerFor, createTeam, type TestTeam } from "../../../../test/factories";
import { errorOf } from "../../../../test/trpc-errors";
import { getBaseDb } from "../client";
import { getTenantDb } from "../get-tenant-db";
import { PgSchemaProvisioner } from "./pg-schema-provisioner";
import { schemaClients } from "./schema-clients";
import { tenantSchemaName } from "./schema-name";
import { pinTestTier } from "../../../../test/tenant-tier";

// This file tests placements itself: its teams start SHARED in every per-tier run.
pinTestTier("SHARED");

/**
 * A SCHEMA-tier team used through the real routers: its rows land in
 * tenant_<id>, never in public, and neither a SHARED team nor another SCHEMA team
 * sees them (nor it theirs).
 */
const provisioner = new PgSchemaProvisioner();
let admin: pg.Client;
let s1: TestTeam;
let s2: TestTeam;
let shared: TestTeam;

async function placeOnSchema(team: TestTeam): Promise<void> {
  await provisioner.provision({ teamId: team.id, region: "global", tier: "SCHEMA" });
  await getBaseDb().team.update({ where: { id: team.id }, data: { tier: "SCHEMA" }, select: { id: true } });
}

async function count(schema: string, table: string, teamId: string): Promise<number> {
  const result = await admin.query(`SELECT count(*)::int AS n FROM "${schema}"."${table}" WHERE "teamId" = $1`, [teamId]);
  return (result.rows[0] as { n: number }).n;
}

beforeAll(async () => {
  admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  [s1, s2, shared] = await Promise.all([createTeam("schema-1"), createTeam("schema-2"), createTeam("shared")]);
  await Promise.all([placeOnSchema(s1), placeOnSchema(s2)]);
});

afterAll(async () => {
  await schemaClients().closeAll();
  await Promise.all([s1, s2].map((team) => provisioner.deprovision({ teamId: team.id, region: "global", tier: "SCHEMA" })));
  await admin.end();
});

describe("SCHEMA tier through getTenantDb", () => {
  it("runs projects, board tasks, customers and invoices end to end, with every row in tenant_<id> and none in public", async () => {
    const api = callerFor(s1.owner, s1.id);
    const project = await api.project.create({ name: "Schema project" });
    const first = await api.task.create({ projectId: project.id, title: "First" });
    await api.task.create({ projectId: project.id, title: "Second", priority: "HIGH" });
    const board = await api.task.board({ projectId: project.id });
    expect(board.tasks.map((task) => task.title).sort()).toEqual(["First", "Second"]);
    const done = board.columns.find((column) => column.category === "DONE");
    expect(done).toBeDefined();
    await api.task.move({ id: first.id, columnId: done?.id ?? "", expectedVersion: first.version });

    const customer = await api.customer.create({ name: "PT Skema" });
    const invoice = await api.invoice.create({
      customerId: customer.id,
      currency: "IDR",
      issueDate: "2026-11-01",
      dueDate: "2026-11-15",
      taxRate: "11",
      discount: "0",
      lines: [{ description: "Consulting", quantity: "2", unitPrice: "1500000" }],
    });
    expect((await api.project.list({})).items.map((row) => row.id)).toEqual([project.id]);
    expect((await api.customer.list({})).items.map((row) => row.id)).toEqual([customer.id]);
    expect((await api.invoice.list({ limit: 50 })).items.map((row) => row.id)).toEqual([invoice.id]);
    expect((await api.invoice.get({ id: invoice.id })).lines).toHaveLength(1);

    const schema = tenantSchemaName(s1.id);
    for (const [table, expected] of [
      ["Project", 1],
      ["Task", 2],
      ["Customer", 1],
      ["Invoice", 1],
      ["InvoiceLine", 1],
    ] as const) {
      expect(await count(schema, table, s1.id), `${schema}.${table}`).toBe(expected);
      expect(await count("public", table, s1.id), `public.${table}`).toBe(0);
    }
    expect(await count(schema, "TaskColumn", s1.id)).toBeGreaterThan(0);
    expect(await count("public", "TaskColumn", s1.id)).toBe(0);
    // The audit trigger writes the tenant's trail into its own schema, with the actor.
    const audit = await admin.query(`SELECT model, "actorId" FROM "${schema}"."AuditLog" WHERE "teamId" = $1 AND model = 'Project'`, [s1.id]);
    expect(audit.rows).toEqual([{ model: "Project", actorId: s1.owner.id }]);
    expect(await count("public", "AuditLog", s1.id)).toBe(0);
  });

  it("isolates SCHEMA teams from a SHARED team and from each other, both directions", async () => {
    const one = callerFor(s1.owner, s1.id);
    const two = callerFor(s2.owner, s2.id);
    const flat = callerFor(shared.owner, shared.id);
    const p1 = await one.project.create({ name: "only s1" });
    const p2 = await two.project.create({ name: "only s2" });
    const p3 = await flat.project.create({ name: "only shared" });

    const ids = async (caller: typeof one) => (await caller.project.list({})).items.map((row) => row.id);
    expect(await ids(one)).toContain(p1.id);
    expect(await ids(one)).not.toContain(p2.id);
    expect(await ids(one)).not.toContain(p3.id);
    expect(await ids(two)).toEqual([p2.id]);
    expect(await ids(flat)).toEqual([p3.id]);
    expect((await errorOf(two.project.get({ id: p1.id }))).code).toBe("NOT_FOUND");
    expect((await errorOf(one.project.get({ id: p3.id }))).code).toBe("NOT_FOUND");
    expect((await errorOf(flat.project.get({ id: p2.id }))).code).toBe("NOT_FOUND");

    expect(await count(tenantSchemaName(s2.id), "Project", s2.id)).toBe(1);
    expect(await count(tenantSchemaName(s2.id), "Project", s1.id)).toBe(0);
    expect(await count("public", "Project", shared.id)).toBe(1);
    expect(await count("public", "Project", s2.id)).toBe(0);
  });

  it("keeps both walls inside a tenant schema: the teamId filter and RLS", async () => {
    const schema = tenantSchemaName(s1.id);
    // A stray row of another team inside s1's schema (only an operator could put it there).
    await admin.query(`INSERT INTO "${schema}"."Project" (id, "teamId", name, "updatedAt") VALUES ($1, $2, 'stray', now())`, [
      `stray-${s1.id}`,
      s2.id,
    ]);
    const db = await getTenantDb(s1.id, { placement: { tier: "SCHEMA", region: "global" } });
    const names = (await db.project.findMany({ select: { name: true } })).map((row) => row.name);
    expect(names).not.toContain("stray");
    expect(names.length).toBeGreaterThan(0);

    // RLS alone (raw SQL as the app role): the connection's team decides what is visible.
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    try {
      await client.query("SET ROLE eb_app");
      const visible = async (teamId: string) => {
        await client.query("SELECT set_config('app.team_id', $1, false)", [teamId]);
        const result = await client.query(`SELECT "teamId" FROM "${schema}"."Project"`);
        return new Set(result.rows.map((row: { teamId: string }) => row.teamId));
      };
      expect(await visible(s1.id)).toEqual(new Set([s1.id]));
      expect(await visible(s2.id)).toEqual(new Set([s2.id]));
      expect(await visible("")).toEqual(new Set());
    } finally {
      await client.end();
      await admin.query(`DELETE FROM "${schema}"."Project" WHERE id = $1`, [`stray-${s1.id}`]);
    }
  });

  it("refuses, as a 4xx, a team placed on SCHEMA whose schema was never provisioned", async () => {
    const team = await createTeam("unprovisioned");
    await getBaseDb().team.update({ where: { id: team.id }, data: { tier: "SCHEMA" }, select: { id: true } });
    const error = await errorOf(callerFor(team.owner, team.id).project.list({}));
    expect(error.code).toBe("UNPROCESSABLE_CONTENT");
  });
});
