import type { TenantTier } from "../generated/client";
import { PgDatabaseProvisioner } from "./pg-database-provisioner";
import { PgSchemaProvisioner } from "./pg-schema-provisioner";
import type { TenantProvisioner } from "./provisioner";

/** The provisioner of each tier that has storage of its own. SHARED rows live in tables every team of the region shares. */
export type Provisioners = Record<Exclude<TenantTier, "SHARED">, TenantProvisioner>;

export function defaultProvisioners(overrides: Partial<Provisioners> = {}): Provisioners {
  return {
    SCHEMA: overrides.SCHEMA ?? new PgSchemaProvisioner(),
    ISOLATED: overrides.ISOLATED ?? new PgDatabaseProvisioner(),
  };
}
