import { TtlCache } from "../cache/ttl-cache";
import { DomainError } from "../errors";
import { getBaseDb } from "./client";
import type { TenantTier } from "./generated/client";
import { createTenantClient, type TenantClient } from "./tenant-client";
import { onPrimaryDatabase, tenantLocation } from "./tenancy/locations";
import { schemaClients } from "./tenancy/schema-clients";

export type TenantPlacement = { tier: TenantTier; region: string };

export type TenantDbOptions = {
  /**
   * Who acts, for the audit trail. When omitted, the actor and request id of the
   * caller's DbContext are used (teamProcedure sets them for every request).
   */
  actorId?: string | null;
  requestId?: string | null;
  /** Skips the placement lookup when the caller already loaded the team. */
  placement?: TenantPlacement;
};

// Building a client ($extends) costs about as much as a small query, so the
// per-team clients without a fixed identity are kept and reused.
const sharedClients = new TtlCache<TenantClient>(1_000);
const CLIENT_TTL_MS = 10 * 60 * 1000;

/**
 * The one way to reach a team's data, by placement (tenancy/locations.ts):
 * SHARED (rows in the public tables of the region's database, the primary one by
 * default), SCHEMA (schema tenant_<id> there) or ISOLATED (a database of its
 * own). Handlers never know which.
 */
export async function getTenantDb(teamId: string, options: TenantDbOptions = {}): Promise<TenantClient> {
  if (typeof teamId !== "string" || teamId.length === 0) {
    throw new DomainError("INTERNAL", "A tenant client needs a team id.");
  }
  const placement = options.placement ?? (await lookupPlacement(teamId));
  if (placement.tier === "SHARED" && onPrimaryDatabase(tenantLocation(teamId, placement))) return sharedTierClient(teamId, options);
  return locatedClient(teamId, placement, options);
}

function sharedTierClient(teamId: string, options: TenantDbOptions): TenantClient {
  if (options.actorId !== undefined || options.requestId !== undefined) {
    return createTenantClient(getBaseDb(), teamId, { actorId: options.actorId ?? null, requestId: options.requestId ?? null });
  }
  const cached = sharedClients.get(teamId);
  if (cached) return cached;
  const client = createTenantClient(getBaseDb(), teamId);
  sharedClients.set(teamId, client, Date.now() + CLIENT_TTL_MS);
  return client;
}

/**
 * Every other location (a schema, a database of its own, a region's server): the
 * client comes from a bounded cache (tenancy/schema-clients.ts). The tenant
 * extension still wraps it, so the teamId filter and RLS apply exactly as for
 * the primary database's shared tables.
 */
async function locatedClient(teamId: string, placement: TenantPlacement, options: TenantDbOptions): Promise<TenantClient> {
  const { prisma, tenant } = await schemaClients().acquire(teamId, placement);
  if (options.actorId !== undefined || options.requestId !== undefined) {
    return createTenantClient(prisma, teamId, { actorId: options.actorId ?? null, requestId: options.requestId ?? null });
  }
  return tenant;
}

async function lookupPlacement(teamId: string): Promise<TenantPlacement> {
  const team = await getBaseDb().team.findUnique({ where: { id: teamId }, select: { tier: true, region: true } });
  if (!team) throw new DomainError("NOT_FOUND", "Team was not found.");
  return team;
}
