import { describe, expect, it } from "vitest";
import { TenantViolationError } from "../errors";
import { scopeArgs, uniqueToFirstArgs, type RelationMap } from "./tenant-scope";

const T = "team_a";
// A made-up relation graph to exercise nested writes: Project → tasks → comments,
// where the foreign keys do not include the team (so nested rows must be stamped).
const RELATIONS: RelationMap = {
  Project: { tasks: { model: "Task", inheritsTeam: false } },
  Task: { comments: { model: "Comment", inheritsTeam: false } },
  Comment: {},
};
// The same with composite (teamId, …) foreign keys, as in the real schema: Prisma
// fills the team of nested rows from the parent.
const COMPOSITE: RelationMap = {
  Project: { tasks: { model: "Task", inheritsTeam: true } },
  Task: { comments: { model: "Comment", inheritsTeam: true } },
  Comment: {},
};

describe("scopeArgs", () => {
  it.each(["findUnique", "findUniqueOrThrow", "findFirst", "findFirstOrThrow", "findMany", "count", "aggregate", "groupBy"])(
    "adds the team to the filter of %s",
    (operation) => {
      expect(scopeArgs("Project", operation, { where: { id: "p1" } }, T, RELATIONS).where).toEqual({ id: "p1", teamId: T });
    },
  );

  it("scopes a pagination cursor too", () => {
    expect(scopeArgs("Project", "findMany", { cursor: { id: "p9" }, skip: 1 }, T, RELATIONS)).toEqual({
      where: { teamId: T },
      cursor: { id: "p9", teamId: T },
      skip: 1,
    });
  });

  it("adds a filter when there was none", () => {
    expect(scopeArgs("Project", "findMany", undefined, T, RELATIONS)).toEqual({ where: { teamId: T } });
  });

  it("overrides a team id the caller put in the filter", () => {
    expect(scopeArgs("Project", "findMany", { where: { teamId: "team_b" } }, T, RELATIONS).where).toEqual({ teamId: T });
  });

  it("stamps creates and refuses another team's id", () => {
    expect(scopeArgs("Project", "create", { data: { name: "x" } }, T, RELATIONS).data).toEqual({ name: "x", teamId: T });
    expect(() => scopeArgs("Project", "create", { data: { name: "x", teamId: "team_b" } }, T, RELATIONS)).toThrow(
      TenantViolationError,
    );
  });

  it("stamps every row of createMany", () => {
    const args = scopeArgs("Project", "createMany", { data: [{ name: "a" }, { name: "b" }] }, T, RELATIONS);
    expect(args.data).toEqual([
      { name: "a", teamId: T },
      { name: "b", teamId: T },
    ]);
  });

  it.each(["update", "updateMany", "updateManyAndReturn", "delete", "deleteMany"])("scopes the filter of %s", (operation) => {
    const args = scopeArgs("Project", operation, { where: { id: "p1" }, data: { name: "n" } }, T, RELATIONS);
    expect(args.where).toEqual({ id: "p1", teamId: T });
  });

  it("refuses to move a row to another team", () => {
    expect(() => scopeArgs("Project", "update", { where: { id: "p1" }, data: { teamId: "team_b" } }, T, RELATIONS)).toThrow(
      TenantViolationError,
    );
  });

  it("scopes upsert's filter, create and update", () => {
    const args = scopeArgs("Project", "upsert", { where: { id: "p1" }, create: { name: "c" }, update: { name: "u" } }, T, RELATIONS);
    expect(args).toEqual({ where: { id: "p1", teamId: T }, create: { name: "c", teamId: T }, update: { name: "u" } });
  });

  it("stamps nested creates at every depth and scopes nested unique inputs", () => {
    const args = scopeArgs(
      "Project",
      "create",
      {
        data: {
          name: "p",
          tasks: {
            create: [{ title: "t", comments: { create: { body: "c" } } }],
            createMany: { data: [{ title: "u" }] },
            connect: [{ id: "t9" }],
            connectOrCreate: { where: { id: "t8" }, create: { title: "v" } },
          },
        },
      },
      T,
      RELATIONS,
    );
    expect(args.data).toEqual({
      name: "p",
      teamId: T,
      tasks: {
        create: [{ title: "t", teamId: T, comments: { create: { body: "c", teamId: T } } }],
        createMany: { data: [{ title: "u", teamId: T }] },
        connect: [{ id: "t9", teamId: T }],
        connectOrCreate: { where: { id: "t8", teamId: T }, create: { title: "v", teamId: T } },
      },
    });
  });

  it("scopes nested update, updateMany, upsert, delete and deleteMany", () => {
    const args = scopeArgs(
      "Project",
      "update",
      {
        where: { id: "p" },
        data: {
          tasks: {
            update: [{ where: { id: "t1" }, data: { title: "x", comments: { create: { body: "b" } } } }],
            updateMany: { where: { done: true }, data: { title: "y" } },
            upsert: [{ where: { id: "t2" }, create: { title: "c" }, update: { title: "u" } }],
            delete: [{ id: "t3" }],
            deleteMany: { done: true },
          },
        },
      },
      T,
      RELATIONS,
    );
    expect(args.data).toEqual({
      tasks: {
        update: [{ where: { id: "t1", teamId: T }, data: { title: "x", comments: { create: { body: "b", teamId: T } } } }],
        updateMany: { where: { done: true, teamId: T }, data: { title: "y" } },
        upsert: [{ where: { id: "t2", teamId: T }, create: { title: "c", teamId: T }, update: { title: "u" } }],
        delete: [{ id: "t3", teamId: T }],
        deleteMany: { done: true, teamId: T },
      },
    });
  });

  it("leaves the team of nested creates to Prisma when the foreign key carries it, but still scopes lookups", () => {
    const args = scopeArgs(
      "Project",
      "create",
      { data: { name: "p", tasks: { create: [{ title: "t", comments: { create: { body: "c" } } }], connect: { id: "t9" } } } },
      T,
      COMPOSITE,
    );
    expect(args.data).toEqual({
      name: "p",
      teamId: T,
      tasks: { create: [{ title: "t", comments: { create: { body: "c" } } }], connect: { id: "t9", teamId: T } },
    });
    expect(() =>
      scopeArgs("Project", "create", { data: { name: "p", tasks: { create: { title: "t", teamId: "team_b" } } } }, T, COMPOSITE),
    ).toThrow(TenantViolationError);
  });

  it("refuses a nested write into another team", () => {
    expect(() =>
      scopeArgs("Project", "create", { data: { name: "p", tasks: { create: { title: "t", teamId: "team_b" } } } }, T, RELATIONS),
    ).toThrow(TenantViolationError);
  });

  it("fails closed without a team and for unknown operations", () => {
    expect(() => scopeArgs("Project", "findMany", {}, "", RELATIONS)).toThrow(TenantViolationError);
    expect(() => scopeArgs("Project", "findMany", {}, undefined as unknown as string, RELATIONS)).toThrow(TenantViolationError);
    expect(() => scopeArgs("Project", "somethingNew", {}, T, RELATIONS)).toThrow(TenantViolationError);
  });
});

describe("uniqueToFirstArgs", () => {
  it("spreads compound unique selectors and keeps everything else", () => {
    expect(
      uniqueToFirstArgs({
        where: { projectId_userId: { projectId: "p", userId: "u" }, project: { is: { name: "x" } }, refresh_token: "t" },
        select: { id: true },
      }),
    ).toEqual({ where: { projectId: "p", userId: "u", project: { is: { name: "x" } }, refresh_token: "t" }, select: { id: true } });
    expect(uniqueToFirstArgs({ where: { id: "a" } })).toEqual({ where: { id: "a" } });
    expect(uniqueToFirstArgs(undefined)).toBeUndefined();
  });
});
