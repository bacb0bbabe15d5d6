import { randomBytes } from "node:crypto";
import type { TeamRole } from "../src/lib/permissions";
import { createCaller } from "../src/server/api/root";
import { createInnerContext } from "../src/server/api/trpc";
import { getBaseDb } from "../src/server/db/client";
import type { TeamStatus } from "../src/server/db/generated/client";
import { placeOnTestTier } from "./tenant-tier";

/**
 * Test data through the control plane (users, teams, memberships) with unique
 * names, so test files can share one database and run in parallel.
 */
export function uniqueSuffix(): string {
  return randomBytes(4).toString("hex");
}

export type TestUser = { id: string; email: string };
export type TestTeam = { id: string; owner: TestUser };

export async function createUser(label = "user", options: { superAdmin?: boolean } = {}): Promise<TestUser> {
  const email = `${label}-${uniqueSuffix()}@test.local`;
  return getBaseDb().user.create({
    data: { email, name: label, isSuperAdmin: options.superAdmin ?? false },
    select: { id: true, email: true },
  });
}

export async function createTeam(label = "team", status: TeamStatus = "ACTIVE"): Promise<TestTeam> {
  const owner = await createUser(`${label}-owner`);
  const team = await getBaseDb().team.create({
    data: {
      name: label,
      slug: `${label}-${uniqueSuffix()}`,
      status,
      memberships: { create: { userId: owner.id, role: "OWNER" } },
    },
    select: { id: true },
  });
  await getBaseDb().user.update({ where: { id: owner.id }, data: { activeTeamId: team.id } });
  await placeOnTestTier(team.id);
  return { id: team.id, owner };
}

export async function addMember(teamId: string, role: TeamRole, label = role.toLowerCase()): Promise<TestUser> {
  const user = await createUser(label);
  await getBaseDb().membership.create({ data: { teamId, userId: user.id, role } });
  return user;
}

/**
 * A tRPC caller acting as `user` with `teamId` as the session's active team, and
 * optionally the team the client says it is showing (x-team-id).
 */
export function callerFor(user: TestUser | null, teamId: string | null = null, expectedTeamId?: string) {
  return createCaller(
    createInnerContext({
      session: user ? { user: { id: user.id, email: user.email, activeTeamId: teamId } } : null,
      expectedTeamId,
    }),
  );
}
