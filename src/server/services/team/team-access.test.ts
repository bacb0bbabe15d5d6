import { describe, expect, it } from "vitest";
import { createTeam, createUser } from "../../../../test/factories";
import { getBaseDb } from "../../db/client";
import { findTeamAccess, invalidateTeamAccess, listUserTeams, setActiveTeam } from "./team-access";

describe("team access", () => {
  it("answers from a short cache that invalidation clears", async () => {
    const team = await createTeam("access");
    const user = await createUser("joiner");
    expect(await findTeamAccess(user.id, team.id)).toBeNull();
    await getBaseDb().membership.create({ data: { teamId: team.id, userId: user.id, role: "STAFF" } });
    // Still the cached answer until invalidated (what another process would see for ACCESS_TTL_MS).
    expect(await findTeamAccess(user.id, team.id)).toBeNull();
    invalidateTeamAccess(team.id, user.id);
    expect(await findTeamAccess(user.id, team.id)).toMatchObject({ role: "STAFF", team: { id: team.id, status: "ACTIVE" } });

    await getBaseDb().membership.update({ where: { teamId_userId: { teamId: team.id, userId: user.id } }, data: { role: "ADMIN" } });
    invalidateTeamAccess(team.id);
    expect(await findTeamAccess(user.id, team.id)).toMatchObject({ role: "ADMIN" });
  });

  it("switches the active team only to a team the user belongs to", async () => {
    const mine = await createTeam("mine");
    const other = await createTeam("other");
    expect(await setActiveTeam(mine.owner.id, other.id)).toBe(false);
    expect(await setActiveTeam(mine.owner.id, mine.id)).toBe(true);
    expect((await listUserTeams(mine.owner.id)).map((t) => t.id)).toEqual([mine.id]);
  });
});
