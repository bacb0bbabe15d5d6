import type { TenantTier } from "../generated/client";
import { serverEnv } from "../../env";
import { databaseUrlForRegion } from "./regions";
import { tenantSchemaName } from "./schema-name";

/**
 * Where a team's tenant tables are, by placement:
 * - SHARED: the `public` tables of its region's database (DATABASE_URL_<REGION>,
 *   the primary database by default), beside every other SHARED team of the region;
 * - SCHEMA: schema `tenant_<id>` of that same database;
 * - ISOLATED: the `public` tables of a database of its own, `tenant_<id>`, on its
 *   region's server.
 * Every tier resolves to a (database URL, schema) pair, so clients, the copy of
 * the tier migration engine and schema sync treat them alike.
 */
export type TenantLocation = {
  tier: TenantTier;
  region: string;
  url: string;
  schema: string;
  /** The database of its own (ISOLATED), else null. */
  database: string | null;
  /** Whether other teams' rows share these tables (SHARED): verification and cleanup must filter by team. */
  shared: boolean;
};

export type Placement = { tier: TenantTier; region: string };

export function tenantDatabaseName(teamId: string): string {
  return tenantSchemaName(teamId);
}

/** `url` with its database replaced (credentials, host and options kept). */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

export function databaseOfUrl(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, ""));
}

export function tenantLocation(teamId: string, placement: Placement, urlForRegion: (region: string) => string = databaseUrlForRegion): TenantLocation {
  const regionUrl = urlForRegion(placement.region);
  const base = { tier: placement.tier, region: placement.region };
  switch (placement.tier) {
    case "SHARED":
      return { ...base, url: regionUrl, schema: "public", database: null, shared: true };
    case "SCHEMA":
      return { ...base, url: regionUrl, schema: tenantSchemaName(teamId), database: null, shared: false };
    case "ISOLATED": {
      const database = tenantDatabaseName(teamId);
      return { ...base, url: withDatabase(regionUrl, database), schema: "public", database, shared: false };
    }
  }
}

/** Whether the location's database is the primary one (the control plane's). */
export function onPrimaryDatabase(location: Pick<TenantLocation, "url">): boolean {
  return sameDatabase(location.url, serverEnv().DATABASE_URL);
}

export function sameDatabase(a: string, b: string): boolean {
  if (a === b) return true;
  try {
    const x = new URL(a);
    const y = new URL(b);
    return x.host === y.host && x.pathname === y.pathname && x.username === y.username;
  } catch {
    return false;
  }
}

/** Whether two locations are the same tables (same database by URL, same schema). */
export function sameLocation(a: Pick<TenantLocation, "url" | "schema">, b: Pick<TenantLocation, "url" | "schema">): boolean {
  return a.schema === b.schema && sameDatabase(a.url, b.url);
}

/** A stable key for caches and logs, without credentials. */
export function locationKey(location: Pick<TenantLocation, "url" | "schema">): string {
  const parsed = new URL(location.url);
  return `${parsed.host}${parsed.pathname}#${location.schema}`;
}
