import { afterEach, describe, expect, it } from "vitest";
import { createTeam, uniqueSuffix } from "../../../test/factories";
import { getBaseDb } from "../db/client";
import { claimJobRuns, EXTERNAL_LOCK } from "../db/job-claim";
import { enqueueJob, pruneJobRuns, triggerDevConfigured } from "./queue";
import { ceoDigestKey } from "./runner/scheduler";

const saved = { key: process.env.TRIGGER_SECRET_KEY, url: process.env.TRIGGER_API_URL };

afterEach(() => {
  for (const [name, value] of [["TRIGGER_SECRET_KEY", saved.key], ["TRIGGER_API_URL", saved.url]] as const) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

describe("enqueueJob with TRIGGER_SECRET_KEY", () => {
  it("hands the run to Trigger.dev; a failed hand-over leaves the key free and the secret out of the error", async () => {
    const team = await createTeam("handover");
    const secret = "tr_dev_SuperSecretKey0123456789";
    process.env.TRIGGER_SECRET_KEY = secret;
    // Nothing listens here: the hand-over fails like an outage would.
    process.env.TRIGGER_API_URL = "http://127.0.0.1:9";
    expect(triggerDevConfigured()).toBe(true);
    const key = ceoDigestKey(team.id, "2098-01-01");
    const error = await enqueueJob({ job: "ceo-digest", payload: { teamId: team.id, date: "2098-01-01" }, key, teamId: team.id }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "INTERNAL", message: "The background job could not be started. Please try again in a moment." });
    expect(String((error as Error).message)).not.toContain(secret);
    // Free for the next attempt (the caller's retry, or the scheduler's next tick).
    expect(await getBaseDb().jobRun.findUnique({ where: { key } })).toBeNull();
    // Rows handed over are never claimable by an embedded runner.
    const job = `test-handed-${uniqueSuffix()}`;
    await getBaseDb().jobRun.createMany({
      data: [
        { job, key: `${job}:queued`, payload: {}, lockedBy: EXTERNAL_LOCK, runAt: new Date(Date.now() - 1_000) },
        { job, key: `${job}:running`, payload: {}, status: "RUNNING", lockedBy: EXTERNAL_LOCK, lockedUntil: new Date(Date.now() - 1_000) },
      ],
    });
    expect(await claimJobRuns({ workerId: "w", jobs: [job], limit: 10, leaseMs: 1_000, now: new Date() })).toEqual([]);
  }, 60_000);

  it("is off without a key", () => {
    expect(triggerDevConfigured({})).toBe(false);
    expect(triggerDevConfigured({ TRIGGER_SECRET_KEY: "  " })).toBe(false);
  });
});

describe("pruneJobRuns", () => {
  it("deletes finished runs after 30 days and failed ones after 90, nothing pending", async () => {
    const job = `test-prune-${uniqueSuffix()}`;
    const now = new Date("2099-12-31T00:00:00Z");
    const ago = (days: number) => new Date(now.getTime() - days * 86_400_000);
    const db = getBaseDb();
    await db.jobRun.createMany({
      data: [
        { job, key: `${job}:old-ok`, payload: {}, status: "SUCCEEDED" },
        { job, key: `${job}:new-ok`, payload: {}, status: "SUCCEEDED" },
        { job, key: `${job}:failed-60`, payload: {}, status: "FAILED" },
        { job, key: `${job}:failed-100`, payload: {}, status: "FAILED" },
        { job, key: `${job}:queued`, payload: {}, status: "QUEUED" },
      ],
    });
    // updatedAt is set by Prisma on write: move it back by hand.
    for (const [suffix, days] of [["old-ok", 31], ["new-ok", 29], ["failed-60", 60], ["failed-100", 100], ["queued", 400]] as const) {
      await db.jobRun.update({ where: { key: `${job}:${suffix}` }, data: { updatedAt: ago(days) } });
    }
    expect(await pruneJobRuns(now)).toBeGreaterThanOrEqual(2);
    const left = await db.jobRun.findMany({ where: { job }, select: { key: true } });
    expect(left.map((run) => run.key.slice(job.length + 1)).sort()).toEqual(["failed-60", "new-ok", "queued"]);
  });
});
