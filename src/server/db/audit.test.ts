import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { createTeam, type TestTeam } from "../../../test/factories";
import { withDbContext } from "./context";
import { getTenantDb } from "./get-tenant-db";

let a: TestTeam;
let b: TestTeam;

beforeAll(async () => {
  [a, b] = await Promise.all([createTeam("audit-a"), createTeam("audit-b")]);
});

async function auditOf(teamId: string, recordId: string) {
  const db = await getTenantDb(teamId);
  return db.auditLog.findMany({ where: { recordId }, orderBy: { createdAt: "asc" } });
}

describe("audit trail", () => {
  it("records create, update and delete with actor, request, old and new values", async () => {
    const db = await getTenantDb(a.id, { actorId: a.owner.id, requestId: "req-audit-1" });
    const project = await db.project.create({ data: { name: "Audited" }, select: { id: true } });
    await db.project.update({ where: { id: project.id }, data: { name: "Renamed" } });
    await db.project.delete({ where: { id: project.id } });

    const rows = await auditOf(a.id, project.id);
    expect(rows.map((r) => r.action)).toEqual(["insert", "update", "delete"]);
    for (const row of rows) {
      expect(row).toMatchObject({ teamId: a.id, actorId: a.owner.id, requestId: "req-audit-1", model: "Project" });
    }
    expect(rows[0]).toMatchObject({ oldValue: null, newValue: expect.objectContaining({ name: "Audited" }) });
    expect(rows[1]).toMatchObject({
      oldValue: expect.objectContaining({ name: "Audited" }),
      newValue: expect.objectContaining({ name: "Renamed" }),
    });
    expect(rows[2]).toMatchObject({ oldValue: expect.objectContaining({ name: "Renamed" }), newValue: null });
  });

  it("takes the actor of each request, not the previous one on the same connection", async () => {
    const first = await getTenantDb(a.id, { actorId: "actor-1", requestId: "req-1" });
    const second = await getTenantDb(a.id, { actorId: "actor-2", requestId: "req-2" });
    const p1 = await first.project.create({ data: { name: "p1" }, select: { id: true } });
    const p2 = await second.project.create({ data: { name: "p2" }, select: { id: true } });
    expect((await auditOf(a.id, p1.id))[0]).toMatchObject({ actorId: "actor-1", requestId: "req-1" });
    expect((await auditOf(a.id, p2.id))[0]).toMatchObject({ actorId: "actor-2", requestId: "req-2" });
  });

  it("takes actor and request from the request's context when the team's shared client is used", async () => {
    const create = (actorId: string, requestId: string) =>
      withDbContext({ teamId: a.id, crossTenant: false, actorId, requestId }, async () => {
        const db = await getTenantDb(a.id);
        return db.project.create({ data: { name: `by ${actorId}` }, select: { id: true } });
      });
    const first = await create("actor-x", "req-x");
    const second = await create("actor-y", "req-y");
    expect(await getTenantDb(a.id)).toBe(await getTenantDb(a.id));
    expect((await auditOf(a.id, first.id))[0]).toMatchObject({ actorId: "actor-x", requestId: "req-x" });
    expect((await auditOf(a.id, second.id))[0]).toMatchObject({ actorId: "actor-y", requestId: "req-y" });
  });

  it("writes in the same transaction: a failed write leaves no audit row", async () => {
    const db = await getTenantDb(a.id, { actorId: a.owner.id, requestId: "req-rollback" });
    let createdId = "";
    await expect(
      db.$transaction(async (tx) => {
        createdId = (await tx.project.create({ data: { name: "rolled back" }, select: { id: true } })).id;
        throw new Error("abort");
      }),
    ).rejects.toThrow("abort");
    expect(createdId).not.toBe("");
    expect(await auditOf(a.id, createdId)).toEqual([]);
  });

  it("keeps audit rows per tenant", async () => {
    const db = await getTenantDb(a.id, { actorId: a.owner.id });
    const project = await db.project.create({ data: { name: "only A" }, select: { id: true } });
    expect(await auditOf(b.id, project.id)).toEqual([]);
    expect(await auditOf(a.id, project.id)).toHaveLength(1);
  });

  it("is append-only for the application role", async () => {
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    try {
      await client.query("BEGIN");
      await client.query("SET LOCAL ROLE eb_app");
      await client.query("SELECT set_config('app.team_id', $1, true)", [a.id]);
      await expect(client.query(`DELETE FROM "AuditLog"`)).rejects.toThrow(/permission denied/);
    } finally {
      await client.query("ROLLBACK");
      await client.end();
    }
  });
});
