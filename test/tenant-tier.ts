import { z } from "zod";
import { getBaseDb } from "../src/server/db/client";
import { PgDatabaseProvisioner } from "../src/server/db/tenancy/pg-database-provisioner";
import { PgSchemaProvisioner } from "../src/server/db/tenancy/pg-schema-provisioner";

/**
 * The tier every test team is created on: TEST_TENANT_TIER=SCHEMA or ISOLATED
 * runs the same domain tests (the routers') with each team in its own schema or
 * its own database, so every tier passes one suite (`npm run test:tiers`).
 * Default SHARED: the team's rows in the primary database's public tables.
 */
const ZTier = z.enum(["SHARED", "SCHEMA", "ISOLATED"]);

type Tier = z.infer<typeof ZTier>;
let pinned: Tier | null = null;

/**
 * For the files that test placements themselves (tier moves, the operators'
 * tenant list, cross-tenant reads of the shared tables): their teams start on
 * `tier` whatever TEST_TENANT_TIER says. Module state, so it holds for the
 * calling test file only.
 */
export function pinTestTier(tier: Tier): void {
  pinned = tier;
}

export function testTenantTier(): Tier {
  return pinned ?? ZTier.parse(process.env.TEST_TENANT_TIER || "SHARED");
}

const schemas = new PgSchemaProvisioner();
// The template (test/global-setup.ts) is the fully migrated test database: nothing is left to apply.
const databases = new PgDatabaseProvisioner({ migrate: async () => undefined });

export async function placeOnTestTier(teamId: string): Promise<void> {
  const tier = testTenantTier();
  if (tier === "SHARED") return;
  const region = (await getBaseDb().team.findUniqueOrThrow({ where: { id: teamId }, select: { region: true } })).region;
  await (tier === "SCHEMA" ? schemas : databases).provision({ teamId, region, tier });
  await getBaseDb().team.update({ where: { id: teamId }, data: { tier }, select: { id: true } });
}
