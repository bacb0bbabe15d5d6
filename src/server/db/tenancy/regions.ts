import { z } from "zod";
import { serverEnv } from "../../env";

const ZRegion = z.string().regex(/^[a-z][a-z0-9_-]{0,31}$/);
const ZUrl = z.string().regex(/^postgres(ql)?:\/\//);

/**
 * The database server URL that holds a region's tenant data:
 * `DATABASE_URL_<REGION>` (e.g. DATABASE_URL_ID, DATABASE_URL_GLOBAL), falling
 * back to the primary DATABASE_URL, which is the local default for every region.
 * Refusing an unconfigured region is the job of the residency work (issue 6, item 2).
 */
export function databaseUrlForRegion(region: string): string {
  const parsed = ZRegion.safeParse(region);
  if (!parsed.success) throw new Error(`Invalid region name: ${JSON.stringify(region)}`);
  const key = `DATABASE_URL_${parsed.data.toUpperCase().replace(/-/g, "_")}`;
  const configured = process.env[key];
  if (configured !== undefined && configured !== "") {
    if (!ZUrl.safeParse(configured).success) throw new Error(`${key} must be a postgresql:// URL.`);
    return configured;
  }
  return serverEnv().DATABASE_URL;
}
