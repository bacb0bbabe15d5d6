import { afterAll, describe, expect, it } from "vitest";
import { callerFor, createTeam } from "../../../../test/factories";
import { snapshotAt } from "../../../../test/tenancy";
import { testTenantTier } from "../../../../test/tenant-tier";
import { getBaseDb } from "../client";
import { tenantLocation } from "./locations";
import { schemaClients } from "./schema-clients";

/**
 * The per-tier runs (`npm run test:tiers`) are only worth something if the test
 * teams really live on the tier asked for: this checks it in every run, by
 * looking for a router-made row where the tier keeps it, and nowhere else.
 */
afterAll(async () => {
  await schemaClients().closeAll();
});

describe(`test teams on the ${testTenantTier()} tier`, () => {
  it("are placed on the tier of the run, and their rows land where that tier keeps them", async () => {
    const [team, other] = await Promise.all([createTeam("tier-check"), createTeam("tier-check-other")]);
    const placement = await getBaseDb().team.findUniqueOrThrow({ where: { id: team.id }, select: { tier: true, region: true } });
    expect(placement.tier).toBe(testTenantTier());
    await callerFor(team.owner, team.id).project.create({ name: "where am I" });
    const location = tenantLocation(team.id, placement);
    expect((await snapshotAt(location.url, location.schema, team.id)).Project).toHaveLength(1);
    if (placement.tier !== "SHARED") {
      expect((await snapshotAt(process.env.DATABASE_URL ?? "", "public", team.id)).Project).toHaveLength(0);
    }
    expect((await callerFor(other.owner, other.id).project.list({})).items).toHaveLength(0);
  });
});
