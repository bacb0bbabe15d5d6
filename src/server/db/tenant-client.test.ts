import { beforeAll, describe, expect, it } from "vitest";
import { createTeam, type TestTeam } from "../../../test/factories";
import { TenantViolationError } from "../errors";
import { getBaseDb } from "./client";
import { withDbContext } from "./context";
import { getTenantDb } from "./get-tenant-db";

let a: TestTeam;
let b: TestTeam;
let projectA: string;
let projectB: string;

beforeAll(async () => {
  [a, b] = await Promise.all([createTeam("tenant-a"), createTeam("tenant-b")]);
  const [dbA, dbB] = await Promise.all([getTenantDb(a.id), getTenantDb(b.id)]);
  projectA = (await dbA.project.create({ data: { name: "A secret" }, select: { id: true } })).id;
  projectB = (await dbB.project.create({ data: { name: "B secret" }, select: { id: true } })).id;
});

describe("tenant client", () => {
  it("stamps creates with its team", async () => {
    const db = await getTenantDb(a.id);
    const row = await db.project.findUniqueOrThrow({ where: { id: projectA }, select: { teamId: true } });
    expect(row.teamId).toBe(a.id);
  });

  it("never returns another team's rows, by any read", async () => {
    const db = await getTenantDb(b.id);
    expect(await db.project.findUnique({ where: { id: projectA } })).toBeNull();
    expect(await db.project.findFirst({ where: { id: projectA } })).toBeNull();
    expect((await db.project.findMany()).map((p) => p.id)).toEqual([projectB]);
    expect(await db.project.count({ where: { name: "A secret" } })).toBe(0);
    // Asking for team A's id explicitly still yields only team B's rows.
    expect((await db.project.findMany({ where: { teamId: a.id }, select: { teamId: true } })).every((p) => p.teamId === b.id)).toBe(true);
    await expect(db.project.findUniqueOrThrow({ where: { id: projectA } })).rejects.toThrow();
  });

  it("cannot update or delete another team's rows", async () => {
    const db = await getTenantDb(b.id);
    await expect(db.project.update({ where: { id: projectA }, data: { name: "pwned" } })).rejects.toMatchObject({ code: "P2025" });
    await expect(db.project.delete({ where: { id: projectA } })).rejects.toMatchObject({ code: "P2025" });
    expect((await db.project.updateMany({ data: { description: "touched" } })).count).toBe(1);
    expect((await db.project.deleteMany({ where: { id: projectA } })).count).toBe(0);
    const untouched = await (await getTenantDb(a.id)).project.findUniqueOrThrow({ where: { id: projectA } });
    expect(untouched).toMatchObject({ name: "A secret", description: null });
  });

  it("refuses to write rows for another team", async () => {
    const db = await getTenantDb(b.id);
    await expect(db.project.create({ data: { name: "x", teamId: a.id } })).rejects.toBeInstanceOf(TenantViolationError);
    await expect(db.project.update({ where: { id: projectB }, data: { teamId: a.id } })).rejects.toBeInstanceOf(TenantViolationError);
  });

  it("refuses raw SQL and control-plane models", async () => {
    const db = await getTenantDb(a.id);
    await expect(db.$queryRaw`SELECT * FROM "Project"`).rejects.toBeInstanceOf(TenantViolationError);
    await expect(db.$executeRawUnsafe(`DELETE FROM "Project"`)).rejects.toBeInstanceOf(TenantViolationError);
    await expect(db.user.findMany()).rejects.toBeInstanceOf(TenantViolationError);
  });

  it("keeps interleaved concurrent queries of two tenants apart", async () => {
    const [dbA, dbB] = await Promise.all([getTenantDb(a.id), getTenantDb(b.id)]);
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? dbA : dbB).project.findMany({ select: { teamId: true } })),
    );
    results.forEach((rows, i) => {
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) expect(row.teamId).toBe(i % 2 === 0 ? a.id : b.id);
    });
  });

  it("answers findUnique of two tenants in the same tick (Prisma batches those) each in its own team", async () => {
    const [dbA, dbB] = await Promise.all([getTenantDb(a.id), getTenantDb(b.id)]);
    const [rowA, rowB, missA, missB] = await Promise.all([
      dbA.project.findUnique({ where: { id: projectA }, select: { id: true } }),
      dbB.project.findUnique({ where: { id: projectB }, select: { id: true } }),
      dbA.project.findUnique({ where: { id: projectB }, select: { id: true } }),
      dbB.project.findUniqueOrThrow({ where: { id: projectA }, select: { id: true } }).catch(() => null),
    ]);
    expect(rowA?.id).toBe(projectA);
    expect(rowB?.id).toBe(projectB);
    expect(missA).toBeNull();
    expect(missB).toBeNull();
  });

  it("runs interactive transactions in its team, even when started from another tenant's context", async () => {
    const db = await getTenantDb(a.id);
    const names = await withDbContext({ teamId: b.id, crossTenant: false, actorId: null, requestId: null }, () =>
      db.$transaction(async (tx) => {
        await tx.project.create({ data: { name: "in tx" } });
        return (await tx.project.findMany({ select: { name: true } })).map((p) => p.name);
      }),
    );
    expect(names).toContain("in tx");
    expect(names).not.toContain("B secret");
  });

  it("rolls back a failed transaction completely", async () => {
    const db = await getTenantDb(a.id);
    await expect(
      db.$transaction(async (tx) => {
        await tx.project.create({ data: { name: "doomed" } });
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(await db.project.count({ where: { name: "doomed" } })).toBe(0);
  });

  it("is not fooled by a lazy query awaited outside any context", async () => {
    const db = await getTenantDb(b.id);
    // The trap from perf-facts: the promise is created here and awaited later,
    // outside any AsyncLocalStorage scope. It must still be scoped to team B.
    const pending = db.project.findMany({ select: { teamId: true } });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const rows = await pending;
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.teamId).toBe(b.id);
  });

  it("gives the base client no tenant rows without a tenant context (fail closed)", async () => {
    expect(await getBaseDb().project.findMany({ where: { id: { in: [projectA, projectB] } } })).toEqual([]);
  });
});
