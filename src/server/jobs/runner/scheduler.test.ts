import { describe, expect, it } from "vitest";
import { createTeam } from "../../../../test/factories";
import { getBaseDb } from "../../db/client";
import { localTime, zonedInstant } from "../local-time";
import { enqueueJob } from "../queue";
import { ceoDigestKey, markOverdueKey, scheduleDueJobs, scheduleTeamJobs, teamsDueForDigest } from "./scheduler";

/**
 * The embedded cron. Dates are far in the future so the keys it enqueues (for
 * every team in the shared test database) never meet another test's runs.
 */
const DATE = "2099-06-15";

describe("scheduler", () => {
  it("enqueues a UTC+7 team's digest at 05:00 local, not at 04:59, and only once", async () => {
    const team = await createTeam("sched-jakarta");
    await getBaseDb().team.update({ where: { id: team.id }, data: { timezone: "Asia/Jakarta" } });
    const at0459 = zonedInstant(DATE, 4, 59, "Asia/Jakarta");
    const at0500 = zonedInstant(DATE, 5, 0, "Asia/Jakarta");
    // 05:00 in Jakarta is 22:00 UTC the evening before.
    expect(at0500.toISOString()).toBe("2099-06-14T22:00:00.000Z");
    expect(at0500.getTime() - at0459.getTime()).toBe(60_000);

    expect((await teamsDueForDigest(at0459)).some((due) => due.teamId === team.id)).toBe(false);
    expect(await teamsDueForDigest(at0500)).toContainEqual({ teamId: team.id, date: DATE });

    const key = ceoDigestKey(team.id, DATE);
    const overdueKey = markOverdueKey(team.id, DATE);
    // At 04:59 the local day has begun: the overdue marking is due, the digest is not.
    const early = await scheduleTeamJobs(at0459);
    expect(early).not.toContain(key);
    expect(early).toContain(overdueKey);
    expect(await getBaseDb().jobRun.findUnique({ where: { key } })).toBeNull();

    const onTime = await scheduleTeamJobs(at0500);
    expect(onTime).toContain(key);
    expect(onTime).not.toContain(overdueKey);
    const run = await getBaseDb().jobRun.findUniqueOrThrow({ where: { key } });
    expect(run).toMatchObject({ job: "ceo-digest", teamId: team.id, status: "QUEUED", payload: { teamId: team.id, date: DATE } });

    // Later ticks the same day (and a tick from another process) add nothing.
    expect(await scheduleTeamJobs(new Date(at0500.getTime() + 60_000))).not.toContain(key);
    expect((await scheduleDueJobs(new Date(at0500.getTime() + 3 * 3_600_000))).enqueued).not.toContain(key);
    expect(await getBaseDb().jobRun.count({ where: { key: { in: [key, overdueKey] } } })).toBe(2);
  });

  it("leaves out teams that are locked, or were created after that day's 05:00", async () => {
    const locked = await createTeam("sched-locked", "SOFT_LOCKED");
    const late = await createTeam("sched-late");
    const at0500 = zonedInstant(DATE, 5, 0, "UTC");
    await getBaseDb().team.update({ where: { id: late.id }, data: { createdAt: new Date(at0500.getTime() + 60_000) } });
    const due = await teamsDueForDigest(new Date(at0500.getTime() + 120_000));
    expect(due.some((d) => d.teamId === locked.id)).toBe(false);
    expect(due.some((d) => d.teamId === late.id)).toBe(false);
    // The next day it is due like any other.
    expect(await teamsDueForDigest(zonedInstant("2099-06-16", 5, 0, "UTC"))).toContainEqual({ teamId: late.id, date: "2099-06-16" });
  });

  it("treats an unusable stored time zone as UTC instead of stopping the schedule", async () => {
    const team = await createTeam("sched-badzone");
    await getBaseDb().team.update({ where: { id: team.id }, data: { timezone: "Not/AZone" } });
    expect(await teamsDueForDigest(zonedInstant(DATE, 4, 59, "UTC"))).not.toContainEqual({ teamId: team.id, date: DATE });
    expect(await teamsDueForDigest(zonedInstant(DATE, 5, 0, "UTC"))).toContainEqual({ teamId: team.id, date: DATE });
  });

  it("enqueues the token cleanup once per UTC day", async () => {
    const day = new Date("2099-07-01T00:00:30Z");
    const first = await scheduleDueJobs(day);
    expect(first.enqueued).toContain("cleanup-expired-tokens:2099-07-01");
    const second = await scheduleDueJobs(new Date("2099-07-01T23:59:00Z"));
    expect(second.enqueued).not.toContain("cleanup-expired-tokens:2099-07-01");
  });
});

describe("enqueueJob", () => {
  it("is idempotent by key and validates the payload with the job's schema", async () => {
    const team = await createTeam("enqueue");
    const key = ceoDigestKey(team.id, "2099-01-01");
    const first = await enqueueJob({ job: "ceo-digest", payload: { teamId: team.id, date: "2099-01-01" }, key, teamId: team.id });
    const second = await enqueueJob({ job: "ceo-digest", payload: { teamId: team.id, date: "2099-01-01" }, key, teamId: team.id });
    expect(first.created).toBe(true);
    expect(second).toEqual({ id: first.id, created: false });
    const concurrent = await Promise.all(
      [1, 2, 3].map(() => enqueueJob({ job: "ceo-digest", payload: { teamId: team.id, date: "2099-01-02" }, key: ceoDigestKey(team.id, "2099-01-02") })),
    );
    expect(concurrent.filter((result) => result.created)).toHaveLength(1);
    expect(new Set(concurrent.map((result) => result.id)).size).toBe(1);

    await expect(enqueueJob({ job: "ceo-digest", payload: { teamId: team.id, date: "2099-02-30" }, key: `${key}:bad` })).rejects.toThrow();
    await expect(enqueueJob({ job: "no-such-job", payload: {}, key: `${key}:unknown` })).rejects.toThrow(/Unknown job/);
    expect(await getBaseDb().jobRun.count({ where: { key: { startsWith: `${key}:` } } })).toBe(0);
  });

  it("computes local dates across the date line", () => {
    const instant = new Date("2099-06-14T22:00:00Z");
    expect(localTime(instant, "Asia/Jakarta")).toEqual({ date: "2099-06-15", hour: 5, minute: 0 });
    expect(localTime(instant, "America/New_York")).toEqual({ date: "2099-06-14", hour: 18, minute: 0 });
    expect(localTime(instant, "Asia/Kolkata")).toEqual({ date: "2099-06-15", hour: 3, minute: 30 });
  });
});
