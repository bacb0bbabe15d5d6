import { DomainError } from "../errors";
import { getBaseDb } from "./client";
import type { DbContext } from "./context";
import type { TenantTier } from "./generated/client";
import { createTenantClient, type TenantClient } from "./tenant-client";

export type TenantPlacement = { tier: TenantTier; region: string };

export type TenantDbOptions = {
  actorId?: string | null;
  requestId?: string | null;
  /** Skips the placement lookup when the caller already loaded the team. */
  placement?: TenantPlacement;
};

/**
 * The one way to reach a team's data. Today every team is SHARED (rows in the
 * primary database); the SCHEMA and ISOLATED tiers plug in here, by placement,
 * without any handler changing.
 */
export async function getTenantDb(teamId: string, options: TenantDbOptions = {}): Promise<TenantClient> {
  if (typeof teamId !== "string" || teamId.length === 0) {
    throw new DomainError("INTERNAL", "A tenant client needs a team id.");
  }
  const placement = options.placement ?? (await lookupPlacement(teamId));
  const context: DbContext & { teamId: string } = {
    teamId,
    crossTenant: false,
    actorId: options.actorId ?? null,
    requestId: options.requestId ?? null,
  };
  switch (placement.tier) {
    case "SHARED":
      return createTenantClient(getBaseDb(), context);
    case "SCHEMA":
    case "ISOLATED":
      throw new DomainError(
        "UNPROCESSABLE",
        `This team is placed on the ${placement.tier} tier, which this installation does not serve yet.`,
      );
  }
}

async function lookupPlacement(teamId: string): Promise<TenantPlacement> {
  const team = await getBaseDb().team.findUnique({ where: { id: teamId }, select: { tier: true, region: true } });
  if (!team) throw new DomainError("NOT_FOUND", "Team was not found.");
  return team;
}
