import { can, type TeamRole } from "@/lib/permissions";
import { TtlCache } from "../../cache/ttl-cache";
import { getBaseDb } from "../../db/client";
import { revokeInvitationsSentBy } from "./invitations";
import { ConflictError, ForbiddenError, NotFoundError } from "../../errors";
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
 * Every API request checks the caller's membership; the answer is kept for a few
 * seconds so a burst of requests costs one query. Changes made by this process
 * call invalidateTeamAccess() and apply at once; other processes see them within
 * ACCESS_TTL_MS (a removed member, a role change, a team lock).
 */
export const ACCESS_TTL_MS = 5_000;
// One cache per process, not per copy of this module: Next bundles it into pages and
// route handlers apart, and an invalidation (e.g. a team unlocked by the API) must
// reach the pages too.
const globals = globalThis as typeof globalThis & { __ebosTeamAccessCache?: TtlCache<TeamAccess | null> };
const accessCache = (globals.__ebosTeamAccessCache ??= new TtlCache<TeamAccess | null>(20_000));
const accessKey = (userId: string, teamId: string) => `${teamId}:${userId}`;

/**
 * The user's membership in `teamId` with what the procedure chain needs about the
 * team, in one query; null when the user is not a member.
 */
export async function findTeamAccess(userId: string, teamId: string): Promise<TeamAccess | null> {
  const key = accessKey(userId, teamId);
  const cached = accessCache.get(key);
  if (cached !== undefined) return cached;
  const membership = await getBaseDb().membership.findUnique({
    where: { teamId_userId: { teamId, userId } },
    select: { role: true, team: { select: teamSelect } },
  });
  accessCache.set(key, membership, Date.now() + ACCESS_TTL_MS);
  return membership;
}

/** Forgets cached access to a team (all its members, or one), after a membership, role or team change. */
export function invalidateTeamAccess(teamId: string, userId?: string): void {
  if (userId) accessCache.delete(accessKey(userId, teamId));
  else accessCache.deleteWhere((key) => key.startsWith(`${teamId}:`));
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

/** A team always keeps an owner: refuses to demote or remove the last one. */
async function assertKeepsOwner(teamId: string, userId: string) {
  const owners = await getBaseDb().membership.count({ where: { teamId, role: "OWNER", userId: { not: userId } } });
  if (owners === 0) throw new ConflictError("A team needs at least one owner: make someone else owner first.");
}

export async function changeMemberRole(teamId: string, userId: string, role: TeamRole, actorRole: TeamRole) {
  const membership = await getBaseDb().membership.findUnique({ where: { teamId_userId: { teamId, userId } }, select: { role: true } });
  if (!membership) throw new NotFoundError("Team member");
  if ((membership.role === "OWNER" || role === "OWNER") && actorRole !== "OWNER") {
    throw new ForbiddenError("Only an owner can make or unmake owners.");
  }
  if (membership.role === "OWNER" && role !== "OWNER") await assertKeepsOwner(teamId, userId);
  await getBaseDb().membership.update({ where: { teamId_userId: { teamId, userId } }, data: { role } });
  invalidateTeamAccess(teamId, userId);
  if (!can(role, "member:invite")) await revokeInvitationsSentBy(teamId, userId);
  return { userId, role };
}

export async function removeMember(teamId: string, userId: string, actorRole: TeamRole) {
  const membership = await getBaseDb().membership.findUnique({ where: { teamId_userId: { teamId, userId } }, select: { role: true } });
  if (!membership) throw new NotFoundError("Team member");
  if (membership.role === "OWNER") {
    if (actorRole !== "OWNER") throw new ForbiddenError("Only an owner can remove an owner.");
    await assertKeepsOwner(teamId, userId);
  }
  await getBaseDb().membership.delete({ where: { teamId_userId: { teamId, userId } } });
  invalidateTeamAccess(teamId, userId);
  await revokeInvitationsSentBy(teamId, userId);
  return { userId };
}
