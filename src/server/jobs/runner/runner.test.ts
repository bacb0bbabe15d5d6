import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { uniqueSuffix } from "../../../../test/factories";
import { getBaseDb } from "../../db/client";
import { toRegisteredJob } from "../registered-job";
import { defineJob, JobAbortedError, PermanentJobError, WorkerLostError, type JobContext } from "../types";
import { backoffDelayMs, createJobRunner, defaultConcurrency } from "./runner";
import { wakeJobRunners } from "./wake";

/**
 * The runner against the real JobRun table. Every test uses job names of its own,
 * and a runner only claims the jobs it was given, so parallel test files (and
 * the other tests here) never take each other's runs.
 */
const quiet = () => {};

type Extra = {
  maxAttempts?: number;
  timeoutMs?: number;
  onFinalFailure?: (payload: { n: number }, error: unknown, info: { runId: string }) => Promise<void>;
};

function testJob(run: (payload: { n: number }, context: JobContext) => Promise<unknown>, extra: Extra = {}) {
  return toRegisteredJob(defineJob({ name: `test-${uniqueSuffix()}`, payload: z.object({ n: z.number().int() }), run, ...extra }));
}

async function insertRuns(job: string, count: number, data: { runAt?: Date; maxAttempts?: number } = {}) {
  const db = getBaseDb();
  const ids: string[] = [];
  for (let n = 0; n < count; n++) {
    const row = await db.jobRun.create({
      data: { job, key: `${job}:${n}`, payload: { n }, runAt: data.runAt ?? new Date(Date.now() - 1_000), maxAttempts: data.maxAttempts ?? 5 },
      select: { id: true },
    });
    ids.push(row.id);
  }
  return ids;
}

function runOf(id: string) {
  return getBaseDb().jobRun.findUniqueOrThrow({ where: { id } });
}

describe("job runner", () => {
  it("keeps claiming after being woken while every slot was busy", async () => {
    // A wake-up with no free slot finishes its claim at once; the runner must not
    // then hold on to that finished claim and stop claiming for good.
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const started: number[] = [];
    const job = testJob(async ({ n }) => {
      started.push(n);
      if (n === 0) await gate;
      return { n };
    });
    const [first] = await insertRuns(job.name, 1);
    const runner = createJobRunner({ jobs: [job], concurrency: 1, pollIntervalMs: 20, log: quiet });
    runner.start();
    try {
      while (started.length === 0) await sleep(10);
      for (let i = 0; i < 5; i++) wakeJobRunners();
      const second = await getBaseDb().jobRun.create({
        data: { job: job.name, key: `${job.name}:second`, payload: { n: 1 }, runAt: new Date(Date.now() - 1_000) },
        select: { id: true },
      });
      release();
      for (let i = 0; i < 200 && (await runOf(second.id)).status !== "SUCCEEDED"; i++) await sleep(25);
      expect((await runOf(first ?? "")).status).toBe("SUCCEEDED");
      expect((await runOf(second.id)).status).toBe("SUCCEEDED");
      expect(started).toEqual([0, 1]);
    } finally {
      await runner.stop();
    }
  });

  it("never runs a job twice when two runners claim concurrently", async () => {
    const seen = new Map<number, string[]>();
    const job = testJob(async ({ n }, context) => {
      seen.set(n, [...(seen.get(n) ?? []), context.runId]);
      await sleep(5);
      return { n };
    });
    const ids = await insertRuns(job.name, 12);
    const a = createJobRunner({ jobs: [job], concurrency: 3, log: quiet, workerId: "runner-a" });
    const b = createJobRunner({ jobs: [job], concurrency: 3, log: quiet, workerId: "runner-b" });
    const claimed = { a: 0, b: 0 };
    for (let round = 0; round < 20; round++) {
      const [claimedA, claimedB] = await Promise.all([a.runDue(), b.runDue()]);
      claimed.a += claimedA;
      claimed.b += claimedB;
      if (claimedA + claimedB === 0) break;
    }
    // Both really competed for the same rows, and between them claimed each exactly once.
    expect(claimed.a).toBeGreaterThan(0);
    expect(claimed.b).toBeGreaterThan(0);
    expect(claimed.a + claimed.b).toBe(12);
    expect([...seen.keys()].sort((x, y) => x - y)).toEqual([...Array(12).keys()]);
    for (const runs of seen.values()) expect(runs).toHaveLength(1);
    const rows = await getBaseDb().jobRun.findMany({ where: { id: { in: ids } } });
    expect(rows.every((row) => row.status === "SUCCEEDED" && row.attempts === 1 && row.lockedBy === null)).toBe(true);
  });

  it("retries a failure with exponential backoff, then succeeds", async () => {
    let clock = Date.now();
    let calls = 0;
    const job = testJob(async () => {
      calls++;
      if (calls < 3) throw new Error(`flaky ${calls} postgresql://app:hunter2@db.internal/x`);
      return "ok";
    });
    const [id] = await insertRuns(job.name, 1, { runAt: new Date(clock - 1) });
    const runner = createJobRunner({
      jobs: [job],
      log: quiet,
      now: () => new Date(clock),
      random: () => 1,
      backoff: { baseMs: 1_000, maxMs: 60_000 },
    });

    expect(await runner.runDue()).toBe(1);
    let row = await runOf(id!);
    expect(row).toMatchObject({ status: "QUEUED", attempts: 1 });
    expect(row.runAt.getTime()).toBe(clock + 1_000);
    expect(row.lastError).toContain("flaky 1");
    // The connection string's password never reaches the stored error.
    expect(row.lastError).not.toContain("hunter2");

    // Not yet due: nothing is claimed.
    clock += 999;
    expect(await runner.runDue()).toBe(0);
    clock += 1;
    expect(await runner.runDue()).toBe(1);
    row = await runOf(id!);
    expect(row).toMatchObject({ status: "QUEUED", attempts: 2 });
    expect(row.runAt.getTime()).toBe(clock + 2_000);

    clock += 2_000;
    expect(await runner.runDue()).toBe(1);
    row = await runOf(id!);
    expect(row).toMatchObject({ status: "SUCCEEDED", attempts: 3, lastError: null, result: "ok" });
    expect(row.finishedAt).not.toBeNull();
    expect(calls).toBe(3);
  });

  it("computes backoff with jitter within [50%, 100%] of the exponential delay, capped", () => {
    const backoff = { baseMs: 1_000, maxMs: 10_000 };
    expect(backoffDelayMs(1, backoff, () => 0)).toBe(500);
    expect(backoffDelayMs(1, backoff, () => 1)).toBe(1_000);
    expect(backoffDelayMs(3, backoff, () => 1)).toBe(4_000);
    expect(backoffDelayMs(10, backoff, () => 1)).toBe(10_000);
    expect(backoffDelayMs(10, backoff, () => 0)).toBe(5_000);
  });

  it("fails at once on a PermanentJobError, and after the last attempt otherwise", async () => {
    const permanent = testJob(async () => {
      throw new PermanentJobError("The file is corrupt.");
    });
    const [permanentId] = await insertRuns(permanent.name, 1);
    const runner = createJobRunner({ jobs: [permanent], log: quiet });
    await runner.runDue();
    expect(await runOf(permanentId!)).toMatchObject({ status: "FAILED", attempts: 1, lastError: expect.stringContaining("The file is corrupt.") });

    let clock = Date.now();
    const always = testJob(async () => {
      throw new Error("still broken");
    });
    const [alwaysId] = await insertRuns(always.name, 1, { maxAttempts: 2, runAt: new Date(clock - 1) });
    const retrying = createJobRunner({ jobs: [always], log: quiet, now: () => new Date(clock), backoff: { baseMs: 10, maxMs: 10 } });
    await retrying.runDue();
    expect(await runOf(alwaysId!)).toMatchObject({ status: "QUEUED", attempts: 1 });
    clock += 10;
    await retrying.runDue();
    expect(await runOf(alwaysId!)).toMatchObject({ status: "FAILED", attempts: 2 });
    clock += 60_000;
    expect(await retrying.runDue()).toBe(0);
  });

  it("fails at once when the stored payload does not fit the job", async () => {
    const job = testJob(async () => "never");
    const row = await getBaseDb().jobRun.create({
      data: { job: job.name, key: `${job.name}:bad`, payload: { n: "one" }, runAt: new Date(Date.now() - 1_000) },
      select: { id: true },
    });
    await createJobRunner({ jobs: [job], log: quiet }).runDue();
    expect(await runOf(row.id)).toMatchObject({ status: "FAILED", attempts: 1 });
  });

  it("takes over a RUNNING run whose worker's lease ran out, but not a live one", async () => {
    const ran: number[] = [];
    const job = testJob(async ({ n }) => {
      ran.push(n);
    });
    const db = getBaseDb();
    const crashed = await db.jobRun.create({
      data: {
        job: job.name,
        key: `${job.name}:crashed`,
        payload: { n: 1 },
        status: "RUNNING",
        attempts: 1,
        lockedBy: "dead-worker",
        lockedUntil: new Date(Date.now() - 1_000),
        startedAt: new Date(Date.now() - 120_000),
      },
      select: { id: true },
    });
    const live = await db.jobRun.create({
      data: { job: job.name, key: `${job.name}:live`, payload: { n: 2 }, status: "RUNNING", attempts: 1, lockedBy: "busy-worker", lockedUntil: new Date(Date.now() + 60_000) },
      select: { id: true },
    });
    const runner = createJobRunner({ jobs: [job], log: quiet });
    expect(await runner.runDue()).toBe(1);
    expect(ran).toEqual([1]);
    expect(await runOf(crashed.id)).toMatchObject({ status: "SUCCEEDED", attempts: 2, lockedBy: null });
    expect(await runOf(live.id)).toMatchObject({ status: "RUNNING", lockedBy: "busy-worker" });
  });

  it("fails a crashed run that has no attempts left instead of running it again", async () => {
    let calls = 0;
    const job = testJob(async () => {
      calls++;
    });
    const row = await getBaseDb().jobRun.create({
      data: { job: job.name, key: `${job.name}:x`, payload: { n: 1 }, status: "RUNNING", attempts: 3, maxAttempts: 3, lockedBy: "dead", lockedUntil: new Date(Date.now() - 1) },
      select: { id: true },
    });
    await createJobRunner({ jobs: [job], log: quiet }).runDue();
    expect(calls).toBe(0);
    expect(await runOf(row.id)).toMatchObject({ status: "FAILED", lastError: expect.stringContaining("stopped responding") });
  });

  it("records progress while the body runs, and the duration from the runner's clock", async () => {
    let clock = Date.now();
    let seenDuringRun: unknown = null;
    const job = testJob(async (_payload, context) => {
      await context.progress({ done: 1, total: 2 });
      seenDuringRun = (await runOf(context.runId)).progress;
      clock += 1_234;
      await context.progress({ done: 2, total: 2 });
      return { ok: true, big: 12345678901234567890n };
    });
    const [id] = await insertRuns(job.name, 1, { runAt: new Date(clock - 1) });
    await createJobRunner({ jobs: [job], log: quiet, now: () => new Date(clock) }).runDue();
    expect(seenDuringRun).toEqual({ done: 1, total: 2 });
    const row = await runOf(id!);
    expect(row.progress).toEqual({ done: 2, total: 2 });
    expect(row.result).toEqual({ ok: true, big: "12345678901234567890" });
    expect(row.durationMs).toBe(1_234);
    expect(row.finishedAt!.getTime() - row.startedAt!.getTime()).toBe(1_234);
  });

  it("aborts a body that runs past its timeout and schedules a retry", async () => {
    let aborted = false;
    const job = testJob(
      (_payload, context) =>
        new Promise((_resolve, reject) => {
          context.signal.addEventListener("abort", () => {
            aborted = true;
            reject(new Error("aborted"));
          });
        }),
      { timeoutMs: 50 },
    );
    const [id] = await insertRuns(job.name, 1);
    await createJobRunner({ jobs: [job], log: quiet }).runDue();
    expect(aborted).toBe(true);
    expect(await runOf(id!)).toMatchObject({ status: "QUEUED", attempts: 1, lastError: expect.stringContaining("Timed out") });
  });

  it("does not release a timed-out run while its body (ignoring the abort) still runs: attempts never overlap", async () => {
    let running = 0;
    let peak = 0;
    let calls = 0;
    let firstAborted = false;
    let release = () => {};
    const blocked = new Promise<void>((resolve) => {
      release = resolve;
    });
    const job = testJob(
      async (_payload, context) => {
        calls++;
        running++;
        peak = Math.max(peak, running);
        try {
          if (calls === 1) {
            context.signal.addEventListener("abort", () => {
              firstAborted = true;
            });
            // Ignores its signal, and fails only once let go.
            await blocked;
            throw new Error("stopped late");
          }
          return "second";
        } finally {
          running--;
        }
      },
      { timeoutMs: 30 },
    );
    const [id] = await insertRuns(job.name, 1);
    // No backoff: a run released at the timeout would be due again at once.
    const a = createJobRunner({ jobs: [job], log: quiet, workerId: "overlap-a", backoff: { baseMs: 0, maxMs: 0 } });
    const b = createJobRunner({ jobs: [job], log: quiet, workerId: "overlap-b", backoff: { baseMs: 0, maxMs: 0 } });
    const first = a.runDue();
    for (let i = 0; i < 400 && !firstAborted; i++) await sleep(5);
    expect(firstAborted).toBe(true);
    for (let i = 0; i < 20; i++) {
      expect(await b.runDue()).toBe(0);
      expect(await a.runDue()).toBe(0);
      await sleep(5);
    }
    expect(running).toBe(1);
    expect(await runOf(id!)).toMatchObject({ status: "RUNNING", attempts: 1, lockedBy: "overlap-a" });

    release();
    await first;
    expect(await runOf(id!)).toMatchObject({ status: "QUEUED", attempts: 1, lockedBy: null, lastError: expect.stringContaining("Timed out") });
    expect(await b.runDue()).toBe(1);
    expect(calls).toBe(2);
    expect(peak).toBe(1);
    expect(await runOf(id!)).toMatchObject({ status: "SUCCEEDED", attempts: 2, result: "second" });
  });

  it("leaves a run whose aborted body will not stop to its lease, never takes it back meanwhile, and fences off the stale attempt", async () => {
    let clock = Date.now();
    let calls = 0;
    let running = 0;
    let release = () => {};
    const blocked = new Promise<void>((resolve) => {
      release = resolve;
    });
    const job = testJob(
      async () => {
        calls++;
        running++;
        try {
          if (calls === 1) {
            await blocked;
            return "stale";
          }
          return "fresh";
        } finally {
          running--;
        }
      },
      { timeoutMs: 20 },
    );
    const [id] = await insertRuns(job.name, 1, { runAt: new Date(clock - 1) });
    const lines: string[] = [];
    const a = createJobRunner({ jobs: [job], log: (line) => lines.push(line), workerId: "linger-a", abortGraceMs: 20, leaseMs: 60_000, now: () => new Date(clock) });
    // Resolves once the grace period is over; the body still runs.
    await a.runDue();
    expect(running).toBe(1);
    expect(await runOf(id!)).toMatchObject({ status: "RUNNING", attempts: 1, lockedBy: "linger-a" });

    // The lease has run out, but this runner knows the body still runs here: it does not start it again.
    clock += 120_000;
    expect(await a.runDue()).toBe(0);
    expect(calls).toBe(1);

    // Another process takes the run over (it cannot know); the stale attempt's late result is refused.
    const b = createJobRunner({ jobs: [job], log: quiet, workerId: "linger-b", now: () => new Date(clock) });
    expect(await b.runDue()).toBe(1);
    expect(await runOf(id!)).toMatchObject({ status: "SUCCEEDED", attempts: 2, result: "fresh" });
    release();
    for (let i = 0; i < 200 && !lines.some((line) => line.includes(`${id} succeeded (attempt 1)`)); i++) await sleep(5);
    expect(lines.some((line) => line.includes(`${id} succeeded (attempt 1) but its claim had been taken over`))).toBe(true);
    expect(await runOf(id!)).toMatchObject({ status: "SUCCEEDED", attempts: 2, result: "fresh", lockedBy: null });
  });

  it("calls the job's onFinalFailure hook once the run fails for good, whatever the cause", async () => {
    let clock = Date.now();
    const finalFailures: Array<{ n: number; error: unknown; runId: string }> = [];
    const job = testJob(
      async ({ n }, context) => {
        if (n === 1) throw new Error("still broken");
        if (n === 2) {
          // Times out; honours its signal.
          await new Promise((_resolve, reject) => context.signal.addEventListener("abort", () => reject(new Error("aborted"))));
        }
        if (n === 4) throw new PermanentJobError("The file is corrupt.");
        return "ok";
      },
      {
        timeoutMs: 30,
        onFinalFailure: async ({ n }, error, { runId }) => {
          finalFailures.push({ n, error, runId });
        },
      },
    );
    const db = getBaseDb();
    const ids = await insertRuns(job.name, 2, { maxAttempts: 2, runAt: new Date(clock - 1) });
    const crashed = await db.jobRun.create({
      data: { job: job.name, key: `${job.name}:crashed`, payload: { n: 3 }, status: "RUNNING", attempts: 2, maxAttempts: 2, lockedBy: "dead", lockedUntil: new Date(clock - 1) },
      select: { id: true },
    });
    const permanent = await db.jobRun.create({
      data: { job: job.name, key: `${job.name}:permanent`, payload: { n: 4 }, maxAttempts: 5, runAt: new Date(clock - 1) },
      select: { id: true },
    });
    // Payloads n=0 and n=1 from insertRuns: make n=0 the timing-out one.
    await db.jobRun.update({ where: { id: ids[0]! }, data: { payload: { n: 2 } } });
    const runner = createJobRunner({ jobs: [job], log: quiet, concurrency: 4, now: () => new Date(clock), backoff: { baseMs: 10, maxMs: 10 } });

    await runner.runDue();
    // First attempts: only the permanent failure and the crashed run (no attempts left) are final.
    expect(finalFailures.map((f) => f.n).sort()).toEqual([3, 4]);
    expect(finalFailures.find((f) => f.n === 3)?.error).toBeInstanceOf(WorkerLostError);
    expect(finalFailures.find((f) => f.n === 4)).toMatchObject({ runId: permanent.id, error: expect.any(PermanentJobError) });
    expect(await runOf(crashed.id)).toMatchObject({ status: "FAILED", lastError: expect.stringContaining("stopped responding") });
    expect(await runOf(ids[0]!)).toMatchObject({ status: "QUEUED", attempts: 1 });

    clock += 10;
    await runner.runDue();
    expect(finalFailures.map((f) => f.n).sort()).toEqual([1, 2, 3, 4]);
    const timedOut = finalFailures.find((f) => f.n === 2);
    expect(timedOut).toMatchObject({ runId: ids[0] });
    expect(timedOut?.error).toBeInstanceOf(JobAbortedError);
    expect((timedOut?.error as JobAbortedError).reason).toBe("timeout");
    expect(await runOf(ids[0]!)).toMatchObject({ status: "FAILED", attempts: 2, lastError: expect.stringContaining("Timed out") });
    expect(await runOf(ids[1]!)).toMatchObject({ status: "FAILED", attempts: 2, lastError: expect.stringContaining("still broken") });

    clock += 60_000;
    await runner.runDue();
    expect(finalFailures).toHaveLength(4);
  });

  it("keeps a run whose failure hook threw, so the hook runs again when the run is taken over", async () => {
    let clock = Date.now();
    let hookCalls = 0;
    const job = testJob(
      async () => {
        throw new PermanentJobError("The file is corrupt.");
      },
      {
        onFinalFailure: async () => {
          hookCalls++;
          if (hookCalls === 1) throw new Error("database unavailable");
        },
      },
    );
    const [id] = await insertRuns(job.name, 1, { maxAttempts: 1, runAt: new Date(clock - 1) });
    const runner = createJobRunner({ jobs: [job], log: quiet, leaseMs: 60_000, now: () => new Date(clock) });
    await runner.runDue();
    expect(hookCalls).toBe(1);
    expect(await runOf(id!)).toMatchObject({ status: "RUNNING", attempts: 1 });
    clock += 61_000;
    await runner.runDue();
    expect(hookCalls).toBe(2);
    expect(await runOf(id!)).toMatchObject({ status: "FAILED", attempts: 2, lastError: expect.stringContaining("stopped responding") });
  });

  it("runs at most `concurrency` bodies at once", async () => {
    let running = 0;
    let peak = 0;
    const job = testJob(async () => {
      running++;
      peak = Math.max(peak, running);
      await sleep(20);
      running--;
    });
    await insertRuns(job.name, 5);
    const runner = createJobRunner({ jobs: [job], concurrency: 2, log: quiet });
    let total = 0;
    for (let round = 0; round < 10 && total < 5; round++) total += await runner.runDue();
    expect(total).toBe(5);
    expect(peak).toBe(2);
  });

  it("stops gracefully: a body still running after the grace period is aborted and its run queued again", async () => {
    const job = testJob(
      (_payload, context) =>
        new Promise((_resolve, reject) => {
          context.signal.addEventListener("abort", () => reject(new Error("stopped")));
        }),
    );
    const [id] = await insertRuns(job.name, 1);
    const runner = createJobRunner({ jobs: [job], log: quiet, pollIntervalMs: 10 });
    runner.start();
    for (let i = 0; i < 100 && (await runOf(id!)).status !== "RUNNING"; i++) await sleep(10);
    expect((await runOf(id!)).status).toBe("RUNNING");
    await runner.stop({ graceMs: 20 });
    expect(await runOf(id!)).toMatchObject({ status: "QUEUED", attempts: 0, lockedBy: null });
  });

  it("defaults to one body at a time on the embedded single-session database", () => {
    expect(defaultConcurrency({ DATABASE_POOL_MAX: "1" })).toBe(1);
    expect(defaultConcurrency({ DATABASE_POOL_MAX: "10" })).toBe(2);
    expect(defaultConcurrency({})).toBe(2);
    expect(defaultConcurrency({ JOB_RUNNER_CONCURRENCY: "4", DATABASE_POOL_MAX: "1" })).toBe(4);
  });
});
