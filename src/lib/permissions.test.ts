import { describe, expect, it } from "vitest";
import { Role } from "@/server/db/generated/enums";
import { can, PERMISSIONS, permissionsOf, ROLES } from "./permissions";

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
    expect(can("ADMIN", "billing:manage")).toBe(false);
    expect(can("OWNER", "billing:manage")).toBe(true);
  });

  it("denies everything without a role", () => {
    expect(can(null, "project:read")).toBe(false);
    expect(can(undefined, "project:read")).toBe(false);
  });
});
