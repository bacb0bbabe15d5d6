import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import { addMember, callerFor, createTeam, type TestTeam, type TestUser } from "../../../../../test/factories";
import { getBaseDb } from "@/server/db/client";

let a: TestTeam;
let b: TestTeam;
let alice: TestUser;
let bob: TestUser;
let projectId: string;

beforeAll(async () => {
  [a, b] = await Promise.all([createTeam("notif-a"), createTeam("notif-b")]);
  alice = await addMember(a.id, "STAFF", "alice");
  bob = await addMember(a.id, "STAFF", "bob");
  await getBaseDb().user.update({ where: { id: alice.id }, data: { name: "Alice Adams" } });
  projectId = (await callerFor(a.owner, a.id).project.create({ name: "Notified" })).id;
});

describe("notifications", () => {
  it("tells a member they were added to a project, and not the one who added them", async () => {
    await callerFor(a.owner, a.id).projectMember.create({ projectId, userId: alice.id });
    const mine = await callerFor(alice, a.id).notification.list();
    expect(mine.items[0]).toMatchObject({ type: "project.added", title: "You were added to Notified", link: `/projects/${projectId}` });
    expect((await callerFor(a.owner, a.id).notification.list()).items).toEqual([]);
  });

  it("tells the assignee, by email too when they chose it, and nothing when they turned it off", async () => {
    await callerFor(a.owner, a.id).projectMember.create({ projectId, userId: bob.id });
    const owner = callerFor(a.owner, a.id);
    await callerFor(alice, a.id).notification.updatePreference({ type: "task.assigned", channel: "EMAIL" });
    await callerFor(bob, a.id).notification.updatePreference({ type: "task.assigned", channel: "OFF" });
    await owner.task.create({ projectId, title: "For Alice", assigneeId: alice.id });
    const task = await owner.task.create({ projectId, title: "For Bob" });
    await owner.task.update({ id: task.id, data: { assigneeId: bob.id } });
    const aliceSees = (await callerFor(alice, a.id).notification.list()).items.map((n) => n.title);
    expect(aliceSees).toContain("Assigned to you: For Alice");
    expect((await callerFor(bob, a.id).notification.list()).items.map((n) => n.type)).not.toContain("task.assigned");
    const mail = await getBaseDb().emailMessage.findFirst({ where: { to: alice.email, kind: "notification:task.assigned" } });
    expect(mail?.subject).toBe("Assigned to you: For Alice");
    expect(await getBaseDb().emailMessage.count({ where: { to: bob.email, kind: "notification:task.assigned" } })).toBe(0);
  });

  it("tells people mentioned in a comment", async () => {
    const owner = callerFor(a.owner, a.id);
    const task = await owner.task.create({ projectId, title: "Discuss" });
    await owner.taskComment.create({ taskId: task.id, body: `Thoughts, @alice? cc @${bob.email} and @nobody` });
    expect((await callerFor(alice, a.id).notification.list()).items.some((n) => n.type === "comment.mention")).toBe(true);
    expect((await callerFor(bob, a.id).notification.list()).items.some((n) => n.type === "comment.mention")).toBe(true);
  });

  it("counts unread, pages, and marks one or all read", async () => {
    const api = callerFor(alice, a.id);
    const before = await api.notification.unreadCount();
    expect(before).toBeGreaterThanOrEqual(2);
    const first = await api.notification.list({ limit: 1, unreadOnly: false });
    expect(first.items).toHaveLength(1);
    expect(first.nextCursor).not.toBeNull();
    const next = await api.notification.list({ limit: 1, unreadOnly: false, cursor: first.nextCursor ?? undefined });
    expect(next.items[0]?.id).not.toBe(first.items[0]?.id);
    await api.notification.markRead({ ids: [first.items[0]!.id] });
    expect(await api.notification.unreadCount()).toBe(before - 1);
    await api.notification.markAllRead();
    expect(await api.notification.unreadCount()).toBe(0);
  });

  it("keeps notifications inside their team and to their recipient", async () => {
    expect((await callerFor(b.owner, b.id).notification.list()).items).toEqual([]);
    const aliceIds = (await callerFor(alice, a.id).notification.list()).items.map((n) => n.id);
    const stolen = await callerFor(bob, a.id).notification.markRead({ ids: aliceIds });
    expect(stolen.count).toBe(0);
  });

  it("never stores a link that leaves the app", async () => {
    const { notify } = await import("@/server/services/notifications/notify");
    const { getTenantDb } = await import("@/server/db/get-tenant-db");
    const req = { db: await getTenantDb(a.id), role: "OWNER" as const, user: { id: a.owner.id }, team: { id: a.id } };
    for (const link of ["//evil.test/x", "https://evil.test", "/\\evil.test"]) {
      expect(await notify(req, { type: "member.joined", recipients: [alice.id], title: "phish", link })).toBe(0);
    }
    expect((await callerFor(alice, a.id).notification.list({ limit: 50, unreadOnly: false })).items.map((n) => n.title)).not.toContain("phish");
  });

  it("refuses an unknown preference type", async () => {
    const error = await callerFor(alice, a.id)
      .notification.updatePreference({ type: "nope" as "task.assigned", channel: "OFF" })
      .catch((e: unknown) => e);
    expect((error as TRPCError).code).toBe("BAD_REQUEST");
  });
});
