import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import { callerFor, createTeam, createUser, type TestTeam, type TestUser } from "../../../../../test/factories";
import { getBaseDb } from "@/server/db/client";
import { getTenantDb } from "@/server/db/get-tenant-db";
import { pinTestTier } from "../../../../../test/tenant-tier";

// This file tests placements (tiers, the shared tables) itself: its teams start SHARED in every per-tier run.
pinTestTier("SHARED");

let a: TestTeam;
let b: TestTeam;
let operator: TestUser;

beforeAll(async () => {
  [a, b, operator] = await Promise.all([createTeam("plat-a"), createTeam("plat-b"), createUser("operator", { superAdmin: true })]);
  await (await getTenantDb(a.id)).project.create({ data: { name: "one" } });
  await (await getTenantDb(b.id)).project.createMany({ data: [{ name: "two" }, { name: "three" }] });
});

describe("platform (superadmin)", () => {
  it("lists every tenant with counts across tenants, and records the call", async () => {
    const teams = await callerFor(operator).platform.teams();
    expect(teams.find((t) => t.id === a.id)).toMatchObject({ projects: 1, members: 1, tier: "SHARED" });
    expect(teams.find((t) => t.id === b.id)).toMatchObject({ projects: 2 });
    const log = await getBaseDb().platformAuditLog.findFirst({ where: { actorId: operator.id }, orderBy: { createdAt: "desc" } });
    expect(log).toMatchObject({ action: "query:platform.teams" });
  });

  it("crosses tenants inside an interactive transaction too", async () => {
    const { getSystemDb } = await import("@/server/db/system-client");
    const system = getSystemDb({ actorId: operator.id, requestId: "req-system" });
    const counted = await system.$transaction(async (tx) => tx.project.count({ where: { teamId: { in: [a.id, b.id] } } }));
    expect(counted).toBe(3);
  });

  it("is forbidden to a team owner", async () => {
    const error = await callerFor(a.owner, a.id).platform.teams().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe("FORBIDDEN");
  });
});
