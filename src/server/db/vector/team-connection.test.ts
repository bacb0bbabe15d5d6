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
