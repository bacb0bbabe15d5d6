import { randomBytes } from "node:crypto";
import { getBaseDb } from "../../db/client";
import type { RegionId } from "../../../lib/regions";
import { Prisma } from "../../db/generated/client";
import { assertOfferedRegion, defaultRegion } from "../../db/tenancy/regions";
import { DomainError, UnauthorizedError } from "../../errors";
import { createInitialSubscription } from "../billing/subscriptions";

export function slugify(name: string): string {
  const base = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40);
  return `${base || "team"}-${randomBytes(3).toString("hex")}`;
}

/**
 * The region a new team's data is placed in: the installation's default when
 * none is chosen, else the chosen one if this installation offers it. A region
 * it does not offer is a 422 about the `region` field, so forms show it there.
 */
export function newTeamRegion(region: string | undefined): RegionId {
  if (region === undefined) return defaultRegion();
  try {
    return assertOfferedRegion(region);
  } catch (error) {
    if (error instanceof DomainError && error.field === undefined) {
      throw new DomainError(error.code, error.template, { field: "region", cause: error });
    }
    throw error;
  }
}

/** Creates a team on the Starter plan and makes `ownerId` its OWNER, inside the caller's transaction. */
export async function createTeamWithOwner(
  tx: Prisma.TransactionClient,
  input: { name: string; ownerId: string; region?: string },
): Promise<{ id: string; slug: string }> {
  const team = await tx.team.create({
    data: {
      name: input.name,
      slug: slugify(input.name),
      region: newTeamRegion(input.region),
      memberships: { create: { userId: input.ownerId, role: "OWNER" } },
    },
    select: { id: true, slug: true },
  });
  await createInitialSubscription(tx, team.id);
  return team;
}

/** A signed-in user creates another team: they become its OWNER and it becomes their active team. */
export async function createTeamForUser(userId: string, name: string, region?: string): Promise<{ id: string; slug: string }> {
  // Refused before anything is written.
  const teamRegion = newTeamRegion(region);
  try {
    return await getBaseDb().$transaction(async (tx) => {
      const team = await createTeamWithOwner(tx, { name, ownerId: userId, region: teamRegion });
      await tx.user.update({ where: { id: userId }, data: { activeTeamId: team.id }, select: { id: true } });
      return team;
    });
  } catch (error) {
    // A session that outlived its user (JWTs are not revoked on account deletion).
    if (error instanceof Prisma.PrismaClientKnownRequestError && (error.code === "P2003" || error.code === "P2025")) {
      throw new UnauthorizedError("Your account no longer exists. Please sign in again.");
    }
    throw error;
  }
}
