import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import { addMember, callerFor, createTeam, type TestTeam, type TestUser } from "../../../../../test/factories";
import { getTenantDb } from "@/server/db/get-tenant-db";

let a: TestTeam;
let b: TestTeam;
let member: TestUser; // STAFF, MEMBER of the project
let outsider: TestUser; // STAFF, not in the project
let manager: TestUser; // MANAGER, not in the project (VIEWER)
let projectId: string;

const owner = () => callerFor(a.owner, a.id);

async function codeOf(promise: Promise<unknown>): Promise<string> {
  return promise.then(
    () => "OK",
    (error: unknown) => (error instanceof TRPCError ? error.code : `not a TRPCError: ${String(error)}`),
  );
}

beforeAll(async () => {
  [a, b] = await Promise.all([createTeam("tasks-a"), createTeam("tasks-b")]);
  member = await addMember(a.id, "STAFF", "member");
  outsider = await addMember(a.id, "STAFF", "outsider");
  manager = await addMember(a.id, "MANAGER", "manager");
  projectId = (await owner().project.create({ name: "Board" })).id;
  await owner().projectMember.create({ projectId, userId: member.id, role: "MEMBER" });
});

describe("tasks and the board", () => {
  it("creates tasks at the end of the first column and shows them in order", async () => {
    const api = callerFor(member, a.id);
    const first = await api.task.create({ projectId, title: "First" });
    const second = await api.task.create({ projectId, title: "Second", priority: "HIGH" });
    const board = await api.task.board({ projectId });
    expect(board.columns.map((c) => c.category)).toEqual(["TODO", "IN_PROGRESS", "DONE"]);
    const todo = board.tasks.filter((t) => t.columnId === board.columns[0]?.id).map((t) => t.id);
    expect(todo.slice(-2)).toEqual([first.id, second.id]);
    expect(board.role).toBe("MEMBER");
  });

  it("moves a task within and across columns, writing one row per move", async () => {
    const api = callerFor(member, a.id);
    const board = await api.task.board({ projectId });
    const [todo, doing, done] = board.columns;
    if (!todo || !doing || !done) throw new Error("columns");
    const t1 = await api.task.create({ projectId, title: "m1" });
    const t2 = await api.task.create({ projectId, title: "m2" });
    const t3 = await api.task.create({ projectId, title: "m3" });
    // m3 to the top of the column (before m1's predecessor chain): place it before m1.
    const moved = await api.task.move({ id: t3.id, columnId: todo.id, beforeId: t1.id, expectedVersion: t3.version });
    expect(moved.version).toBe(t3.version + 1);
    let order = (await api.task.board({ projectId })).tasks.filter((t) => t.columnId === todo.id).map((t) => t.title);
    expect(order.slice(-3)).toEqual(["m3", "m1", "m2"]);
    // m1 across to DONE, then m2 after it.
    const m1 = await api.task.move({ id: t1.id, columnId: done.id, expectedVersion: t1.version });
    await api.task.move({ id: t2.id, columnId: done.id, afterId: t1.id, expectedVersion: t2.version });
    order = (await api.task.board({ projectId })).tasks.filter((t) => t.columnId === done.id).map((t) => t.title);
    expect(order).toEqual(["m1", "m2"]);
    expect(m1.columnId).toBe(done.id);
    const audit = await (await getTenantDb(a.id)).auditLog.findMany({ where: { recordId: t1.id, action: "update" } });
    expect(audit).toHaveLength(1);
  });

  it("refuses a stale move and changes nothing", async () => {
    const api = callerFor(member, a.id);
    const task = await api.task.create({ projectId, title: "stale" });
    const board = await api.task.board({ projectId });
    const done = board.columns[2];
    if (!done) throw new Error("columns");
    await api.task.move({ id: task.id, columnId: done.id, expectedVersion: task.version });
    expect(await codeOf(api.task.move({ id: task.id, columnId: board.columns[0]!.id, expectedVersion: task.version }))).toBe("CONFLICT");
    expect((await api.task.get({ id: task.id })).columnId).toBe(done.id);
  });

  it("refuses a neighbour from another project or column", async () => {
    const api = owner();
    const other = await api.project.create({ name: "Other project" });
    const foreign = await api.task.create({ projectId: other.id, title: "foreign" });
    const task = await api.task.create({ projectId, title: "placed" });
    const code = await codeOf(api.task.move({ id: task.id, columnId: task.columnId, afterId: foreign.id, expectedVersion: task.version }));
    expect(code).toBe("CONFLICT");
    expect((await api.task.get({ id: task.id })).version).toBe(task.version);
  });

  it("checks assignees and labels, and sizes", async () => {
    const api = owner();
    expect(await codeOf(api.task.create({ projectId, title: "x", assigneeId: outsider.id }))).toBe("BAD_REQUEST");
    expect(await codeOf(api.task.create({ projectId, title: "x".repeat(20_000) }))).toBe("BAD_REQUEST");
    expect(await codeOf(api.task.create({ projectId, title: "x", labelIds: ["missing"] }))).toBe("BAD_REQUEST");
    const label = await api.label.create({ name: `bug-${Date.now()}`, color: "#ff0000" });
    const task = await api.task.create({ projectId, title: "assigned", assigneeId: member.id, labelIds: [label.id], priority: "URGENT" });
    expect(task).toMatchObject({ assigneeId: member.id, labelIds: [label.id], priority: "URGENT" });
    const updated = await api.task.update({ id: task.id, expectedVersion: task.version, data: { labelIds: [], assigneeId: null } });
    expect(updated).toMatchObject({ labelIds: [], assigneeId: null, version: task.version + 1 });
    expect(await codeOf(api.task.update({ id: task.id, expectedVersion: task.version, data: { title: "lost update" } }))).toBe("CONFLICT");
  });

  it("filters and searches the list view", async () => {
    const api = owner();
    const label = await api.label.create({ name: `feature-${Date.now()}` });
    const yesterday = new Date(Date.now() - 24 * 60 * 60 * 1000);
    const hit = await api.task.create({
      projectId,
      title: "Needle in the list",
      description: "find me by my haystack",
      priority: "LOW",
      assigneeId: member.id,
      labelIds: [label.id],
      dueDate: yesterday,
    });
    await api.task.create({ projectId, title: "Other task", priority: "LOW" });
    const ids = async (filters: Record<string, unknown>) =>
      (await api.task.list({ projectId, ...filters, limit: 100 })).items.map((t) => t.id);
    expect(await ids({ search: "haystack" })).toEqual([hit.id]);
    expect(await ids({ labelId: label.id })).toEqual([hit.id]);
    expect(await ids({ assigneeId: member.id, priority: "LOW" })).toEqual([hit.id]);
    expect(await ids({ due: "overdue" })).toContain(hit.id);
    expect(await ids({ due: "none" })).not.toContain(hit.id);
  });

  it("applies project-level access: viewers read, outsiders get nothing", async () => {
    const task = await owner().task.create({ projectId, title: "visible to viewers" });
    const viewer = callerFor(manager, a.id);
    expect((await viewer.task.board({ projectId })).role).toBe("VIEWER");
    expect(await codeOf(viewer.task.create({ projectId, title: "no" }))).toBe("FORBIDDEN");
    expect(await codeOf(viewer.task.move({ id: task.id, columnId: task.columnId, expectedVersion: task.version }))).toBe("FORBIDDEN");
    expect(await codeOf(viewer.taskComment.create({ taskId: task.id, body: "hi" }))).toBe("FORBIDDEN");
    const stranger = callerFor(outsider, a.id);
    for (const call of [
      () => stranger.task.board({ projectId }),
      () => stranger.task.get({ id: task.id }),
      () => stranger.task.move({ id: task.id, columnId: task.columnId, expectedVersion: task.version }),
      () => stranger.task.update({ id: task.id, data: { title: "mine now" } }),
      () => stranger.taskComment.list({ taskId: task.id }),
    ]) {
      expect(await codeOf(call())).toBe("NOT_FOUND");
    }
  });

  it("shows team B nothing of team A's tasks", async () => {
    const task = await owner().task.create({ projectId, title: "A's secret task" });
    const other = callerFor(b.owner, b.id);
    for (const call of [
      () => other.task.board({ projectId }),
      () => other.task.get({ id: task.id }),
      () => other.task.list({ projectId, limit: 10 }),
      () => other.task.move({ id: task.id, columnId: task.columnId, expectedVersion: task.version }),
      () => other.task.delete({ id: task.id }),
      () => other.taskComment.create({ taskId: task.id, body: "hello" }),
    ]) {
      expect(await codeOf(call())).toBe("NOT_FOUND");
    }
    // B's own board has its own columns; a column of A is unknown to B.
    const bProject = await other.project.create({ name: "B board" });
    const bTask = await other.task.create({ projectId: bProject.id, title: "b" });
    expect(await codeOf(other.task.move({ id: bTask.id, columnId: task.columnId, expectedVersion: bTask.version }))).toBe("BAD_REQUEST");
  });

  it("keeps comments per task with author rules", async () => {
    const task = await owner().task.create({ projectId, title: "discussed" });
    const mine = await callerFor(member, a.id).taskComment.create({ taskId: task.id, body: "**markdown** comment" });
    expect(await codeOf(callerFor(member, a.id).taskComment.create({ taskId: task.id, body: "x".repeat(10_001) }))).toBe("BAD_REQUEST");
    expect((await owner().taskComment.list({ taskId: task.id })).map((c) => c.body)).toEqual(["**markdown** comment"]);
    expect((await owner().task.get({ id: task.id })).commentCount).toBe(1);
    await expect(owner().taskComment.delete({ id: mine.id })).resolves.toEqual({ id: mine.id });
  });

  it("refuses task changes in an archived project, deletions included", async () => {
    const archived = await owner().project.create({ name: "Old" });
    const task = await owner().task.create({ projectId: archived.id, title: "kept" });
    const comment = await owner().taskComment.create({ taskId: task.id, body: "note" });
    await owner().project.update({ id: archived.id, data: { status: "ARCHIVED" } });
    expect(await codeOf(owner().task.create({ projectId: archived.id, title: "late" }))).toBe("FORBIDDEN");
    expect(await codeOf(owner().task.delete({ id: task.id }))).toBe("FORBIDDEN");
    expect(await codeOf(owner().taskComment.delete({ id: comment.id }))).toBe("FORBIDDEN");
  });
});

describe("board columns", () => {
  it("renames, adds, reorders and protects non-empty columns", async () => {
    const team = await createTeam("columns");
    const api = callerFor(team.owner, team.id);
    const columns = await api.boardColumn.list();
    await api.boardColumn.update({ id: columns[0]!.id, data: { name: "Backlog" } });
    const review = await api.boardColumn.create({ name: "Review", category: "IN_PROGRESS" });
    const reordered = await api.boardColumn.update({ id: review.id, data: { position: 1 } });
    expect(reordered.map((c) => c.name)).toEqual(["Backlog", "Review", "In progress", "Done"]);
    const project = await api.project.create({ name: "p" });
    await api.task.create({ projectId: project.id, title: "t", columnId: review.id });
    expect(await codeOf(api.boardColumn.delete({ id: review.id }))).toBe("CONFLICT");
    const staff = await addMember(team.id, "STAFF");
    expect(await codeOf(callerFor(staff, team.id).boardColumn.create({ name: "Nope" }))).toBe("FORBIDDEN");
  });
});

describe("project members", () => {
  it("adds team members only, once, and keeps a lead", async () => {
    const api = owner();
    const project = await api.project.create({ name: "Members" });
    expect(await codeOf(api.projectMember.create({ projectId: project.id, userId: b.owner.id }))).toBe("BAD_REQUEST");
    const added = await api.projectMember.create({ projectId: project.id, userId: outsider.id, role: "VIEWER" });
    expect(await codeOf(api.projectMember.create({ projectId: project.id, userId: outsider.id }))).toBe("CONFLICT");
    const members = await api.projectMember.list({ projectId: project.id });
    expect(members.map((m) => [m.userId, m.role])).toEqual([
      [a.owner.id, "LEAD"],
      [outsider.id, "VIEWER"],
    ]);
    const lead = members[0]!;
    expect(await codeOf(api.projectMember.update({ id: lead.id, data: { role: "MEMBER" } }))).toBe("CONFLICT");
    expect(await codeOf(callerFor(outsider, a.id).projectMember.delete({ id: lead.id }))).toBe("FORBIDDEN");
    await api.projectMember.delete({ id: added.id });
    expect(await codeOf(callerFor(outsider, a.id).project.get({ id: project.id }))).toBe("NOT_FOUND");
  });
});
