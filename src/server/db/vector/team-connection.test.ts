import { describe, expect, it } from "vitest";
import { getPool } from "../client";
import { withDbContext } from "../context";
import { DomainError } from "../../errors";
import { withTeamConnection } from "./team-connection";

const request = (teamId: string) => ({ teamId, crossTenant: false, actorId: null, requestId: "r" });

describe("withTeamConnection", () => {
  it("refuses a team other than the request's own, and lets jobs (no request team) name theirs", async () => {
    const error = await withDbContext(request("team-a"), () =>
      withTeamConnection(getPool(), "team-b", async () => "reached"),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe("INTERNAL");
    const sameTeam = await withDbContext(request("team-a"), () =>
      withTeamConnection(getPool(), "team-a", async (client) => (await client.query<{ team: string }>("SELECT current_setting('app.team_id') AS team")).rows[0]?.team),
    );
    expect(sameTeam).toBe("team-a");
    const fromJob = await withTeamConnection(getPool(), "team-c", async (client) => (await client.query<{ team: string }>("SELECT current_setting('app.team_id') AS team")).rows[0]?.team);
    expect(fromJob).toBe("team-c");
  });
});

describe("withTeamConnection on the SCHEMA tier", () => {
  it("finds a SCHEMA team's tables in its own schema, and leaves the connection as it found it", async () => {
    const { createTeam } = await import("../../../../test/factories");
    const { getBaseDb } = await import("../client");
    const { PgSchemaProvisioner } = await import("../tenancy/pg-schema-provisioner");
    const { tenantSchemaName } = await import("../tenancy/schema-name");
    const provisioner = new PgSchemaProvisioner();
    const [onSchema, onShared] = await Promise.all([createTeam("vector-schema"), createTeam("vector-shared")]);
    await provisioner.provision({ teamId: onSchema.id, region: "global", tier: "SCHEMA" });
    await getBaseDb().team.update({ where: { id: onSchema.id }, data: { tier: "SCHEMA" } });
    try {
      const where = (teamId: string) =>
        withTeamConnection(getPool(), teamId, async (client) => (await client.query<{ schema: string }>(`SELECT current_schema() AS schema`)).rows[0]?.schema);
      expect(await where(onSchema.id)).toBe(tenantSchemaName(onSchema.id));
      // The same pooled connections serve the SHARED team next: back in public.
      for (let i = 0; i < 3; i += 1) expect(await where(onShared.id)).toBe("public");
    } finally {
      await getBaseDb().team.update({ where: { id: onSchema.id }, data: { tier: "SHARED" } });
      await provisioner.deprovision({ teamId: onSchema.id, region: "global", tier: "SCHEMA" });
    }
  });
});
