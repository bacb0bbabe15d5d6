import { afterEach, describe, expect, it } from "vitest";
import { addMember, callerFor, createTeam } from "../../../../../test/factories";
import { getBaseDb } from "@/server/db/client";
import { getTenantDb } from "@/server/db/get-tenant-db";
import { runCeoDigest } from "@/server/jobs/ceo-digest";
import { localTime } from "@/server/jobs/local-time";
import { ceoDigestKey } from "@/server/jobs/runner/scheduler";
import { createAiGateway, setAiGatewayForTests } from "@/server/services/ai/gateway";
import { createLocalProvider } from "@/server/services/ai/providers/local";

afterEach(() => setAiGatewayForTests(null));

describe("digest router", () => {
  it("shows the empty state, generates today's digest once, and shows it only to its team", async () => {
    const a = await createTeam("digest-router-a");
    const b = await createTeam("digest-router-b");
    const owner = callerFor(a.owner, a.id);

    const empty = await owner.digest.latest();
    expect(empty.digest).toBeNull();
    expect(empty.schedule).toMatchObject({ timezone: "UTC", hour: 5, today: localTime(new Date(), "UTC").date });
    expect(empty.todayRun).toBeNull();

    const generated = await owner.digest.generate();
    expect(generated).toEqual({ date: empty.schedule.today, status: "QUEUED" });
    const key = ceoDigestKey(a.id, generated.date);
    expect(await getBaseDb().jobRun.findUnique({ where: { key }, select: { job: true, teamId: true, payload: true } })).toEqual({
      job: "ceo-digest",
      teamId: a.id,
      payload: { teamId: a.id, date: generated.date },
    });
    // Asking again does not add a second run.
    await owner.digest.generate();
    expect(await getBaseDb().jobRun.count({ where: { key } })).toBe(1);
    expect((await owner.digest.latest()).todayRun).toEqual({ status: "QUEUED", failed: false });

    // The runner would now run it: run the body directly, with the local provider.
    setAiGatewayForTests(createAiGateway({ provider: createLocalProvider() }));
    await runCeoDigest({ teamId: a.id, date: generated.date });
    const latest = await owner.digest.latest();
    expect(latest.digest).toMatchObject({ date: generated.date, timezone: "UTC", provider: "local", providerLabel: "Local (rule-based)" });
    expect(latest.digest?.metrics?.revenue).toEqual([]);
    expect((await owner.digest.list({ limit: 5 })).items.map((d) => d.date)).toEqual([generated.date]);

    // Team B sees none of it.
    const otherOwner = callerFor(b.owner, b.id);
    expect((await otherOwner.digest.latest()).digest).toBeNull();
    expect((await otherOwner.digest.list({})).items).toEqual([]);
    expect(await (await getTenantDb(b.id)).ceoDigest.count()).toBe(0);
  });

  it("retries a failed run when asked again", async () => {
    const team = await createTeam("digest-router-retry");
    const owner = callerFor(team.owner, team.id);
    const { date } = await owner.digest.generate();
    const key = ceoDigestKey(team.id, date);
    await getBaseDb().jobRun.update({ where: { key }, data: { status: "FAILED", attempts: 5, lastError: "boom" } });
    expect((await owner.digest.latest()).todayRun).toEqual({ status: "FAILED", failed: true });
    expect(await owner.digest.generate()).toMatchObject({ status: "QUEUED" });
    expect(await getBaseDb().jobRun.findUnique({ where: { key }, select: { status: true, attempts: true } })).toEqual({ status: "QUEUED", attempts: 0 });
  });

  it("lets managers read digests, only admins generate them, and keeps staff out", async () => {
    const team = await createTeam("digest-router-roles");
    const manager = callerFor(await addMember(team.id, "MANAGER"), team.id);
    const staff = callerFor(await addMember(team.id, "STAFF"), team.id);
    await expect(manager.digest.latest()).resolves.toMatchObject({ digest: null });
    await expect(manager.digest.generate()).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(staff.digest.latest()).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(staff.digest.list({})).rejects.toMatchObject({ code: "FORBIDDEN" });
    // Everyone may see when the digest arrives.
    await expect(staff.digest.schedule()).resolves.toMatchObject({ timezone: "UTC", hour: 5 });
  });

  it("refuses to generate for a locked team", async () => {
    const team = await createTeam("digest-router-locked", "SOFT_LOCKED");
    await expect(callerFor(team.owner, team.id).digest.generate()).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("validates the list size", async () => {
    const team = await createTeam("digest-router-list");
    await expect(callerFor(team.owner, team.id).digest.list({ limit: 0 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(callerFor(team.owner, team.id).digest.list({ limit: 61 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});

describe("team.updateSettings (time zone)", () => {
  it("accepts IANA zones, refuses others, and only for admins", async () => {
    const a = await createTeam("tz-a");
    const b = await createTeam("tz-b");
    const owner = callerFor(a.owner, a.id);
    await expect(owner.team.updateSettings({ timezone: "Asia/Jakarta" })).resolves.toEqual({ timezone: "Asia/Jakarta" });
    expect(await owner.digest.schedule()).toMatchObject({ timezone: "Asia/Jakarta" });
    await expect(owner.team.updateSettings({ timezone: "UTC" })).resolves.toEqual({ timezone: "UTC" });
    await expect(owner.team.updateSettings({ timezone: "Mars/Olympus_Mons" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("Choose a time zone from the list."),
    });
    await expect(owner.team.updateSettings({ timezone: "" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const manager = callerFor(await addMember(a.id, "MANAGER"), a.id);
    await expect(manager.team.updateSettings({ timezone: "Europe/Berlin" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    // The other team is untouched.
    expect(await getBaseDb().team.findUnique({ where: { id: b.id }, select: { timezone: true } })).toEqual({ timezone: "UTC" });
  });
});
