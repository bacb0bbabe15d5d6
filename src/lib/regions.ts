/**
 * Data-residency regions (spec feature 14). A team picks one at sign-up; every
 * row of its tenant data lives on that region's database server
 * (DATABASE_URL_<REGION>, see server/db/tenancy/regions.ts). The catalogue is
 * fixed here so each region has translated labels; TENANT_REGIONS picks which of
 * them an installation offers.
 */
export const REGION_IDS = ["global", "id"] as const;

export type RegionId = (typeof REGION_IDS)[number];

export const DEFAULT_REGION: RegionId = "global";

export function isRegionId(value: string): value is RegionId {
  return (REGION_IDS as readonly string[]).includes(value);
}
