import type { TeamRole } from "@/lib/permissions";
import { getBaseDb } from "../../db/client";
import type { TeamStatus, TenantTier } from "../../db/generated/client";

export type TeamAccess = {
  team: {
    id: string;
    name: string;
    slug: string;
    tier: TenantTier;
    region: string;
    status: TeamStatus;
    statusReason: string | null;
  };
  role: TeamRole;
};

const teamSelect = {
  id: true,
  name: true,
  slug: true,
  tier: true,
  region: true,
  status: true,
  statusReason: true,
} as const;

/**
 * The user's membership in `teamId` with what the procedure chain needs about the
 * team, in one query; null when the user is not a member.
 */
export async function findTeamAccess(userId: string, teamId: string): Promise<TeamAccess | null> {
  const membership = await getBaseDb().membership.findUnique({
    where: { teamId_userId: { teamId, userId } },
    select: { role: true, team: { select: teamSelect } },
  });
  return membership;
}

/** The team to fall back to when the session has none (or lost access to it): the oldest membership. */
export async function findDefaultTeamAccess(userId: string): Promise<TeamAccess | null> {
  return getBaseDb().membership.findFirst({
    where: { userId },
    orderBy: { createdAt: "asc" },
    select: { role: true, team: { select: teamSelect } },
  });
}

export async function listUserTeams(userId: string) {
  const memberships = await getBaseDb().membership.findMany({
    where: { userId },
    orderBy: { createdAt: "asc" },
    select: { role: true, team: { select: { id: true, name: true, slug: true, status: true } } },
  });
  return memberships.map((m) => ({ ...m.team, role: m.role }));
}

/** Records the user's active team after checking membership; returns false when not a member. */
export async function setActiveTeam(userId: string, teamId: string): Promise<boolean> {
  const access = await findTeamAccess(userId, teamId);
  if (!access) return false;
  await getBaseDb().user.update({ where: { id: userId }, data: { activeTeamId: teamId }, select: { id: true } });
  return true;
}

export async function listMembers(teamId: string) {
  const memberships = await getBaseDb().membership.findMany({
    where: { teamId },
    orderBy: { createdAt: "asc" },
    select: { role: true, createdAt: true, user: { select: { id: true, name: true, email: true } } },
  });
  return memberships.map((m) => ({ ...m.user, role: m.role, joinedAt: m.createdAt }));
}
