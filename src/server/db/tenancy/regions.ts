import { z } from "zod";
import { DEFAULT_REGION, isRegionId, REGION_IDS, type RegionId } from "../../../lib/regions";
import { serverEnv } from "../../env";
import { DomainError } from "../../errors";
import { msg } from "../../../lib/message";

const ZUrl = z.string().regex(/^postgres(ql)?:\/\//);

/**
 * The regions this installation offers: TENANT_REGIONS (comma-separated ids from
 * the catalogue in lib/regions.ts), every catalogued region when unset.
 */
export function configuredRegions(env: Readonly<Record<string, string | undefined>> = process.env): RegionId[] {
  const raw = env.TENANT_REGIONS?.trim();
  if (!raw) return [...REGION_IDS];
  const ids = [...new Set(raw.split(",").map((part) => part.trim().toLowerCase()).filter(Boolean))];
  const unknown = ids.filter((id) => !isRegionId(id));
  if (unknown.length > 0) throw new Error(`TENANT_REGIONS names unknown regions: ${unknown.join(", ")} (known: ${REGION_IDS.join(", ")}).`);
  return ids.filter(isRegionId);
}

/** The region a new team gets when it does not choose one: the default when offered, else the first offered. */
export function defaultRegion(): RegionId {
  const regions = configuredRegions();
  return regions.includes(DEFAULT_REGION) ? DEFAULT_REGION : (regions[0] ?? DEFAULT_REGION);
}

/** A region a team may be placed in, or a clear 422. */
export function assertOfferedRegion(region: string): RegionId {
  if (!isRegionId(region) || !configuredRegions().includes(region)) {
    throw new DomainError("UNPROCESSABLE", msg`The data region ${region} is not offered by this installation.`);
  }
  return region;
}

export function regionUrlKey(region: string): string {
  return `DATABASE_URL_${region.toUpperCase().replace(/-/g, "_")}`;
}

/**
 * The database server URL that holds a region's tenant data:
 * `DATABASE_URL_<REGION>` (e.g. DATABASE_URL_ID, DATABASE_URL_GLOBAL), falling
 * back to the primary DATABASE_URL, which is the local default for every
 * offered region. A region this installation does not offer is refused, so a
 * team's rows can never land on a server picked by accident.
 */
export function databaseUrlForRegion(region: string): string {
  if (!isRegionId(region) || !configuredRegions().includes(region)) {
    throw new DomainError("UNPROCESSABLE", msg`No database server is configured for the region ${region}.`);
  }
  const key = regionUrlKey(region);
  const configured = process.env[key];
  if (configured !== undefined && configured !== "") {
    if (!ZUrl.safeParse(configured).success) throw new Error(`${key} must be a postgresql:// URL.`);
    return configured;
  }
  return serverEnv().DATABASE_URL;
}

/** Whether the region's tenant data lives on a server (or database) other than the primary one. */
export function regionHasOwnDatabase(region: string): boolean {
  return databaseUrlForRegion(region) !== serverEnv().DATABASE_URL;
}
