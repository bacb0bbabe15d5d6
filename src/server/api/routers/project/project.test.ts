import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import { addMember, callerFor, createTeam, type TestTeam, type TestUser } from "../../../../../test/factories";
import { errorOf } from "../../../../../test/trpc-errors";
import { can, ROLES, type TeamRole } from "@/lib/permissions";
import { getTenantDb } from "@/server/db/get-tenant-db";

let a: TestTeam;
let b: TestTeam;
const membersOfA = new Map<TeamRole, TestUser>();

beforeAll(async () => {
  [a, b] = await Promise.all([createTeam("proj-a"), createTeam("proj-b")]);
  membersOfA.set("OWNER", a.owner);
  for (const role of ["ADMIN", "MANAGER", "STAFF"] as const) membersOfA.set(role, await addMember(a.id, role));
});

describe("project router", () => {
  it("creates, lists, gets, updates, archives and deletes", async () => {
    const api = callerFor(a.owner, a.id);
    const created = await api.project.create({ name: "  Apollo  ", description: "Moon" });
    expect(created).toMatchObject({ name: "Apollo", description: "Moon", status: "ACTIVE", createdById: a.owner.id });
    expect((await api.project.list()).items.map((p) => p.id)).toContain(created.id);
    expect(await api.project.get({ id: created.id })).toMatchObject({ name: "Apollo" });
    expect(await api.project.update({ id: created.id, data: { name: "Artemis", status: "ARCHIVED" } })).toMatchObject({
      name: "Artemis",
      status: "ARCHIVED",
    });
    expect((await api.project.list({ status: "ARCHIVED", limit: 50 })).items.map((p) => p.id)).toContain(created.id);
    expect((await api.project.list({ status: "ACTIVE", limit: 50 })).items.map((p) => p.id)).not.toContain(created.id);
    expect(await api.project.delete({ id: created.id })).toEqual({ id: created.id });
    expect((await errorOf(api.project.get({ id: created.id }))).code).toBe("NOT_FOUND");
  });

  it("audits each write with the acting user", async () => {
    const api = callerFor(a.owner, a.id);
    const created = await api.project.create({ name: "Audited via API" });
    await api.project.update({ id: created.id, data: { name: "Audited again" } });
    const db = await getTenantDb(a.id);
    const rows = await db.auditLog.findMany({ where: { recordId: created.id }, orderBy: { createdAt: "asc" } });
    expect(rows.map((r) => [r.action, r.actorId])).toEqual([
      ["insert", a.owner.id],
      ["update", a.owner.id],
    ]);
    expect(rows[0]?.requestId).toEqual(expect.any(String));
  });

  it("pages through the list with a cursor and searches by name", async () => {
    const api = callerFor(a.owner, a.id);
    for (const name of ["page-1", "page-2", "page-3"]) await api.project.create({ name });
    const first = await api.project.list({ search: "page-", limit: 2 });
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).not.toBeNull();
    const second = await api.project.list({ search: "page-", limit: 2, cursor: first.nextCursor ?? undefined });
    expect(second.items.map((p) => p.name)).toEqual(["page-1"]);
    expect(second.nextCursor).toBeNull();
  });

  it("shows team B nothing of team A: not found, never forbidden-with-data", async () => {
    const secret = await callerFor(a.owner, a.id).project.create({ name: "A only" });
    const apiB = callerFor(b.owner, b.id);
    expect((await apiB.project.list()).items).toEqual([]);
    for (const call of [
      () => apiB.project.get({ id: secret.id }),
      () => apiB.project.update({ id: secret.id, data: { name: "stolen" } }),
      () => apiB.project.delete({ id: secret.id }),
    ]) {
      const error = await errorOf(call());
      expect(error.code).toBe("NOT_FOUND");
      expect(error.message).not.toContain("A only");
    }
    expect(await callerFor(a.owner, a.id).project.get({ id: secret.id })).toMatchObject({ name: "A only" });
  });

  it("ignores an active team the user is not a member of", async () => {
    const secret = await callerFor(a.owner, a.id).project.create({ name: "not for B" });
    // B's owner claims A as active team: the chain falls back to B's own team.
    const api = callerFor(b.owner, a.id);
    expect((await api.project.list()).items.map((p) => p.id)).not.toContain(secret.id);
    expect((await errorOf(api.project.get({ id: secret.id }))).code).toBe("NOT_FOUND");
  });

  it("never lets a write fall back to another team than the active one", async () => {
    const other = await createTeam("fallback-other");
    // b's owner has a session whose active team is one they do not belong to.
    const error = await errorOf(callerFor(b.owner, other.id).project.create({ name: "lands where?" }));
    expect(error.code).toBe("FORBIDDEN");
    expect((await callerFor(b.owner, b.id).project.list()).items.map((p) => p.name)).not.toContain("lands where?");
  });

  it("refuses calls for a team that is no longer the active one (switched in another tab)", async () => {
    const error = await errorOf(callerFor(a.owner, a.id, b.id).project.create({ name: "stale tab" }));
    expect(error.code).toBe("CONFLICT");
    expect((await callerFor(a.owner, a.id, a.id).project.list()).items.length).toBeGreaterThan(0);
  });

  it("does not let the tenant client write audit rows", async () => {
    const { TenantViolationError } = await import("@/server/errors");
    const db = await getTenantDb(a.id);
    await expect(db.auditLog.create({ data: { action: "forged", model: "Project", recordId: "x" } })).rejects.toBeInstanceOf(
      TenantViolationError,
    );
  });

  describe.each(ROLES)("as %s, on a project they do not belong to", (role) => {
    it("gets exactly what the team matrix and project-level access allow", async () => {
      const user = membersOfA.get(role);
      if (!user) throw new Error("missing member");
      const api = callerFor(user, a.id);
      const target = await callerFor(a.owner, a.id).project.create({ name: `for ${role}` });
      const sees = role !== "STAFF";
      expect((await api.project.list({ limit: 100 })).items.some((p) => p.id === target.id)).toBe(sees);
      const get = await api.project.get({ id: target.id }).then(
        (p) => p.role,
        (e: TRPCError) => e.code,
      );
      expect(get).toBe({ OWNER: "LEAD", ADMIN: "LEAD", MANAGER: "VIEWER", STAFF: "NOT_FOUND" }[role]);
      const update = await api.project.update({ id: target.id, data: { description: role } }).then(
        () => "OK",
        (e: TRPCError) => e.code,
      );
      expect(update).toBe({ OWNER: "OK", ADMIN: "OK", MANAGER: "FORBIDDEN", STAFF: "NOT_FOUND" }[role]);
      const create = await api.project.create({ name: `by ${role}` }).then(
        (p) => p.role,
        (e: TRPCError) => e.code,
      );
      expect(create).toBe(can(role, "project:create") ? "LEAD" : "FORBIDDEN");
      const remove = await api.project.delete({ id: target.id }).then(
        () => "OK",
        (e: TRPCError) => e.code,
      );
      expect(remove).toBe(can(role, "project:delete") ? "OK" : "FORBIDDEN");
    });
  });

  it("gives a staff member exactly the projects they belong to, with their project role", async () => {
    const staff = membersOfA.get("STAFF");
    if (!staff) throw new Error("missing member");
    const owner = callerFor(a.owner, a.id);
    const mine = await owner.project.create({ name: "staff leads this" });
    await owner.projectMember.create({ projectId: mine.id, userId: staff.id, role: "LEAD" });
    const api = callerFor(staff, a.id);
    const listed = (await api.project.list({ limit: 100 })).items;
    expect(listed.map((p) => [p.id, p.role])).toEqual([[mine.id, "LEAD"]]);
    await expect(api.project.update({ id: mine.id, data: { status: "ARCHIVED" } })).resolves.toMatchObject({ status: "ARCHIVED" });
    await expect(api.project.update({ id: mine.id, data: { status: "ACTIVE" } })).resolves.toMatchObject({ status: "ACTIVE" });
  });

  it("refuses bad input with a 400 naming the field", async () => {
    const api = callerFor(a.owner, a.id);
    const empty = await errorOf(api.project.create({ name: "   " }));
    expect(empty.code).toBe("BAD_REQUEST");
    const long = await errorOf(api.project.create({ name: "x".repeat(121) }));
    expect(long.code).toBe("BAD_REQUEST");
    const nothing = await errorOf(api.project.update({ id: "whatever", data: {} }));
    expect(nothing.code).toBe("BAD_REQUEST");
  });

  it("requires a session", async () => {
    expect((await errorOf(callerFor(null).project.list())).code).toBe("UNAUTHORIZED");
  });

  it.each(["READ_ONLY", "SOFT_LOCKED"] as const)("lets a %s team read but refuses its writes with the reason", async (status) => {
    const locked = await createTeam(`locked-${status.toLowerCase()}`, status);
    const api = callerFor(locked.owner, locked.id);
    await expect(api.project.list()).resolves.toMatchObject({ items: [] });
    const error = await errorOf(api.project.create({ name: "nope" }));
    expect(error.code).toBe("FORBIDDEN");
    expect(error.message).toMatch(status === "SOFT_LOCKED" ? /locked/i : /read-only/i);
  });
});
