import { describe, expect, it } from "vitest";
import { Role } from "@/server/db/generated/enums";
import { can, canEditTasks, canManageProject, PERMISSIONS, permissionsOf, projectRoleOf, ROLES } from "./permissions";

describe("permission matrix", () => {
  it("knows exactly the roles of the database enum", () => {
    expect([...ROLES].sort()).toEqual(Object.values(Role).sort());
  });

  it("gives the owner everything and each lower role a subset of the one above", () => {
    expect(permissionsOf("OWNER")).toEqual([...PERMISSIONS]);
    for (let i = 1; i < ROLES.length; i++) {
      const higher = new Set(permissionsOf(ROLES[i - 1]!));
      for (const permission of permissionsOf(ROLES[i]!)) expect(higher.has(permission)).toBe(true);
    }
  });

  it("keeps destructive and money permissions away from staff", () => {
    for (const permission of ["project:delete", "invoice:delete", "billing:manage", "member:invite", "audit:read"] as const) {
      expect(can("STAFF", permission)).toBe(false);
    }
    expect(can("STAFF", "project:read")).toBe(true);
    expect(can("MANAGER", "project:create")).toBe(true);
    expect(can("MANAGER", "project:delete")).toBe(false);
    expect(can("MANAGER", "board:manage")).toBe(true);
    expect(can("STAFF", "board:manage")).toBe(false);
    expect(can("ADMIN", "billing:manage")).toBe(false);
    expect(can("OWNER", "billing:manage")).toBe(true);
  });

  it("denies everything without a role", () => {
    expect(can(null, "project:read")).toBe(false);
    expect(can(undefined, "project:read")).toBe(false);
  });
});

describe("project-level roles", () => {
  it("lets owners and admins lead every project", () => {
    expect(projectRoleOf("OWNER", null)).toBe("LEAD");
    expect(projectRoleOf("ADMIN", "VIEWER")).toBe("LEAD");
  });
  it("lets managers see every project and act by their membership", () => {
    expect(projectRoleOf("MANAGER", null)).toBe("VIEWER");
    expect(projectRoleOf("MANAGER", "MEMBER")).toBe("MEMBER");
  });
  it("gives staff only the projects they belong to", () => {
    expect(projectRoleOf("STAFF", null)).toBeNull();
    expect(projectRoleOf("STAFF", "LEAD")).toBe("LEAD");
  });
  it("maps roles to abilities", () => {
    expect([canEditTasks("LEAD"), canEditTasks("MEMBER"), canEditTasks("VIEWER"), canEditTasks(null)]).toEqual([true, true, false, false]);
    expect([canManageProject("LEAD"), canManageProject("MEMBER")]).toEqual([true, false]);
  });
});
