import { describe, expect, it } from "vitest";
import { createTeam } from "../../../../test/factories";
import { getBaseDb } from "../../db/client";
import { updateTeamSettings } from "../team/update-settings";
import { teamTimezone, teamToday } from "./team-today";

describe("team today", () => {
  it("uses the new time zone at once after the team's settings change", async () => {
    const [team, other] = await Promise.all([createTeam("today-a"), createTeam("today-b")]);
    await getBaseDb().team.update({ where: { id: team.id }, data: { timezone: "UTC" } });
    await getBaseDb().team.update({ where: { id: other.id }, data: { timezone: "UTC" } });
    // 2031-03-01 20:00 UTC is already 2 March in Jakarta (UTC+7).
    const instant = new Date("2031-03-01T20:00:00Z");
    expect(await teamToday(team.id, instant)).toBe("2031-03-01");
    expect(await teamToday(other.id, instant)).toBe("2031-03-01");

    await updateTeamSettings(team.id, { timezone: "Asia/Jakarta" });
    expect(await teamTimezone(team.id)).toBe("Asia/Jakarta");
    expect(await teamToday(team.id, instant)).toBe("2031-03-02");
    // The other team's cached zone is untouched.
    expect(await teamToday(other.id, instant)).toBe("2031-03-01");
  });

  it("keeps serving the cached zone when the row changes behind its back (the cache is real)", async () => {
    const team = await createTeam("today-cache");
    await getBaseDb().team.update({ where: { id: team.id }, data: { timezone: "UTC" } });
    expect(await teamTimezone(team.id)).toBe("UTC");
    // A write that bypasses updateTeamSettings does not invalidate: what the fix above relies on is the invalidation.
    await getBaseDb().team.update({ where: { id: team.id }, data: { timezone: "Asia/Tokyo" } });
    expect(await teamTimezone(team.id)).toBe("UTC");
    await updateTeamSettings(team.id, { timezone: "Asia/Tokyo" });
    expect(await teamTimezone(team.id)).toBe("Asia/Tokyo");
  });
});
