import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { z } from "zod";
import { getBaseDb } from "../../db/client";
import { withDbContext, NO_TENANT } from "../../db/context";
import { Prisma } from "../../db/generated/client";
import { claimJobRuns, type ClaimedJobRun } from "../../db/job-claim";
import { DomainError } from "../../errors";
import { describeError } from "../../log";
import type { RegisteredJob } from "../registered-job";
import { JobAbortedError, PermanentJobError, WorkerLostError, type JobContext } from "../types";
import { onJobEnqueued } from "./wake";

/**
 * The embedded job runner: used when no TRIGGER_SECRET_KEY is set, with the same
 * job bodies Trigger.dev would run. It works off the JobRun table:
 * - claims due runs atomically (see db/job-claim.ts), so two runners — in this
 *   process or in others — never run the same run;
 * - holds a lease on each claimed run and renews it while the body runs; a run
 *   whose lease ran out (its worker crashed) is claimed again by any runner;
 * - records status, attempts, duration, progress, result and the last error
 *   (summarised by describeError: no secrets, no payload);
 * - retries failures with exponential backoff and jitter up to maxAttempts; a
 *   PermanentJobError (or a payload that no longer validates) fails at once, and
 *   a run that fails for good gets its job's onFinalFailure hook;
 * - never lets two attempts of a run overlap: an aborted body (timeout, shutdown)
 *   that ignores its signal is waited for, with the lease renewed, before the run
 *   is released for a retry; one that does not stop within `abortGraceMs` keeps
 *   the run (its lease is left to run out, and this runner does not claim it
 *   again while the body lives); every write about a run is fenced by its
 *   attempt number, so a stale attempt's late outcome never overwrites a newer one;
 * - runs at most `concurrency` bodies at a time, and stops gracefully.
 */
export type JobRunnerOptions = {
  /** The jobs this runner takes (the app passes the registry's). It never claims runs of other jobs. */
  jobs: readonly RegisteredJob[];
  concurrency?: number;
  /** Idle poll interval (a local enqueue wakes the runner at once anyway). */
  pollIntervalMs?: number;
  /** How long a claim holds without renewal before another runner may take the run over. */
  leaseMs?: number;
  backoff?: { baseMs: number; maxMs: number };
  /** How long an aborted body (timed out, shutting down) is waited for before its run is left to its lease. */
  abortGraceMs?: number;
  /** For tests: the clock (run times and durations) and the jitter source. */
  now?: () => Date;
  random?: () => number;
  workerId?: string;
  log?: (line: string) => void;
};

export type JobRunner = {
  readonly workerId: string;
  /** Starts polling (and listening for local enqueues). */
  start(): void;
  /** Claims what is due now (up to the free slots), runs it, and resolves when those runs are recorded. */
  runDue(): Promise<number>;
  /** Stops claiming; waits up to `graceMs` for running bodies, then aborts them and hands their runs back. */
  stop(options?: { graceMs?: number }): Promise<void>;
};

/** DATABASE_POOL_MAX=1 means the embedded PGlite (one session): one body at a time leaves room for requests. */
export function defaultConcurrency(env: Readonly<Record<string, string | undefined>> = process.env): number {
  const configured = Number(env.JOB_RUNNER_CONCURRENCY);
  if (Number.isInteger(configured) && configured >= 1 && configured <= 32) return configured;
  return env.DATABASE_POOL_MAX?.trim() === "1" ? 1 : 2;
}

/** Exponential backoff with jitter: attempt 1 → ~base, 2 → ~2·base, ... capped at max; jitter spreads it over [50%, 100%]. */
export function backoffDelayMs(attempt: number, backoff: { baseMs: number; maxMs: number }, random: () => number): number {
  const exponential = Math.min(backoff.maxMs, backoff.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exponential * (0.5 + 0.5 * random()));
}

const MAX_ERROR_LENGTH = 1_000;
const MAX_RESULT_CHARS = 16_000;

/** Runs left on their lease because their hook kept failing are given up after this many extra claims. */
const HOOK_RETRIES = 3;

// Errors that a retry cannot fix: the run fails at once.
const PERMANENT_DOMAIN_CODES = new Set(["BAD_REQUEST", "NOT_FOUND", "UNPROCESSABLE", "PAYLOAD_TOO_LARGE", "FORBIDDEN"]);

function isPermanent(error: unknown): boolean {
  if (error instanceof PermanentJobError || error instanceof z.ZodError) return true;
  return error instanceof DomainError && PERMANENT_DOMAIN_CODES.has(error.code);
}

/** A JSON value for the database: BigInt as a string, oversized results summarised. */
function toJson(value: unknown): Prisma.InputJsonValue | typeof Prisma.DbNull {
  if (value === undefined || value === null) return Prisma.DbNull;
  const text = JSON.stringify(value, (_key, item: unknown) => (typeof item === "bigint" ? item.toString() : item));
  if (text === undefined) return Prisma.DbNull;
  if (text.length > MAX_RESULT_CHARS) return { truncated: true, chars: text.length };
  return JSON.parse(text) as Prisma.InputJsonValue;
}

function errorText(error: unknown): string {
  const text = error instanceof DomainError ? `${error.code}: ${error.message}` : describeError(error);
  return text.slice(0, MAX_ERROR_LENGTH);
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

function settle(work: Promise<unknown>): Promise<Outcome> {
  return work.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
}

function whenAborted(signal: AbortSignal): Promise<"aborted"> {
  if (signal.aborted) return Promise.resolve("aborted");
  return new Promise((resolve) => signal.addEventListener("abort", () => resolve("aborted"), { once: true }));
}

function delay(ms: number): { promise: Promise<null>; cancel: () => void } {
  let timer: NodeJS.Timeout | undefined;
  const promise = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), ms);
  });
  return { promise, cancel: () => clearTimeout(timer) };
}

/**
 * A claim that does not answer (a connection that hangs) must not stop the runner:
 * after this the claim is given up and the next poll claims afresh. A claim that
 * did go through later only holds its rows until their lease runs out.
 */
const CLAIM_DEADLINE_MS = 20_000;

function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

export function createJobRunner(options: JobRunnerOptions): JobRunner {
  const jobs = new Map<string, RegisteredJob>(options.jobs.map((job) => [job.name, job]));
  const concurrency = Math.max(1, options.concurrency ?? defaultConcurrency());
  const pollIntervalMs = options.pollIntervalMs ?? 2_000;
  const leaseMs = options.leaseMs ?? 60_000;
  const backoff = options.backoff ?? { baseMs: 5_000, maxMs: 15 * 60_000 };
  const abortGraceMs = options.abortGraceMs ?? 30_000;
  const now = options.now ?? (() => new Date());
  const random = options.random ?? Math.random;
  const workerId = options.workerId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const log = options.log ?? ((line: string) => console.log(line));

  const inFlight = new Map<string, { controller: AbortController; done: Promise<void> }>();
  // Runs whose aborted body is still running here after the grace period: not claimed again by this runner until it stops.
  const lingering = new Set<string>();
  let claiming: Promise<number> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let unsubscribe: (() => void) | null = null;
  let stopping = false;

  const db = () => getBaseDb();

  /**
   * Only while the claim is still ours: a run taken over after a lost lease is the
   * other runner's to record. The attempt number is the fencing token — the same
   * run claimed again (by anyone) has a higher one.
   */
  const ours = (run: ClaimedJobRun) => ({ id: run.id, lockedBy: workerId, status: "RUNNING" as const, attempts: run.attempts });

  const elapsedMs = (startedMs: number | null) => (startedMs === null ? 0 : Math.max(0, Math.round(now().getTime() - startedMs)));

  async function renewLease(run: ClaimedJobRun): Promise<boolean> {
    const { count } = await db().jobRun.updateMany({ where: ours(run), data: { lockedUntil: new Date(now().getTime() + leaseMs) } });
    return count > 0;
  }

  async function succeed(run: ClaimedJobRun, startedMs: number, result: unknown): Promise<void> {
    const { count } = await db().jobRun.updateMany({
      where: ours(run),
      data: {
        status: "SUCCEEDED",
        finishedAt: now(),
        durationMs: elapsedMs(startedMs),
        result: toJson(result),
        lastError: null,
        lockedBy: null,
        lockedUntil: null,
      },
    });
    log(`[jobs] ${run.job} ${run.id} succeeded (attempt ${run.attempts})${count === 0 ? " but its claim had been taken over" : ""}`);
  }

  async function fail(run: ClaimedJobRun, job: RegisteredJob | undefined, startedMs: number | null, error: unknown): Promise<void> {
    const durationMs = elapsedMs(startedMs);
    if (error instanceof JobAbortedError && error.reason === "shutdown") {
      // Not the body's fault: the attempt is given back and the run waits for the next runner.
      await db().jobRun.updateMany({
        where: ours(run),
        data: { status: "QUEUED", attempts: { decrement: 1 }, runAt: now(), lockedBy: null, lockedUntil: null, durationMs, lastError: errorText(error) },
      });
      log(`[jobs] ${run.job} ${run.id} interrupted by shutdown; queued again`);
      return;
    }
    const final = isPermanent(error) || run.attempts >= run.maxAttempts;
    if (final && job) {
      // The hook runs while the claim is still ours (a run taken over is the other runner's to finish).
      if (!(await renewLease(run))) {
        log(`[jobs] ${run.job} ${run.id} failed, but its claim had been taken over`);
        return;
      }
      try {
        await withDbContext(NO_TENANT, () => job.onFinalFailure(run.payload, error, { runId: run.id }));
      } catch (hookError) {
        // Left RUNNING: its lease runs out and the run is taken over with no attempts left, which calls the hook again.
        if (run.attempts <= run.maxAttempts + HOOK_RETRIES) throw hookError;
        log(`[jobs] ${run.job} ${run.id}: giving up on its failure hook: ${describeError(hookError)}`);
      }
    }
    const delayMs = backoffDelayMs(run.attempts, backoff, random);
    const { count } = await db().jobRun.updateMany({
      where: ours(run),
      data: final
        ? { status: "FAILED", finishedAt: now(), durationMs, lastError: errorText(error), lockedBy: null, lockedUntil: null }
        : {
            status: "QUEUED",
            runAt: new Date(now().getTime() + delayMs),
            durationMs,
            lastError: errorText(error),
            lockedBy: null,
            lockedUntil: null,
          },
    });
    if (count === 0) {
      log(`[jobs] ${run.job} ${run.id} failed (attempt ${run.attempts}), but its claim had been taken over: ${errorText(error)}`);
      return;
    }
    log(
      final
        ? `[jobs] ${run.job} ${run.id} failed for good (attempt ${run.attempts}/${run.maxAttempts}): ${errorText(error)}`
        : `[jobs] ${run.job} ${run.id} failed (attempt ${run.attempts}/${run.maxAttempts}), retry in ${Math.round(delayMs / 1000)}s: ${errorText(error)}`,
    );
  }

  /** Records what the body came to; after an abort, a body that failed failed because of it. */
  async function record(run: ClaimedJobRun, job: RegisteredJob, startedMs: number, outcome: Outcome, signal: AbortSignal): Promise<void> {
    if (outcome.ok) return succeed(run, startedMs, outcome.value);
    return fail(run, job, startedMs, signal.aborted && signal.reason instanceof JobAbortedError ? signal.reason : outcome.error);
  }

  async function execute(run: ClaimedJobRun, controller: AbortController): Promise<void> {
    const job = jobs.get(run.job);
    if (!job) return fail(run, undefined, null, new PermanentJobError(`No job named "${run.job}" is registered.`));
    if (run.reclaimed && run.attempts > run.maxAttempts) return fail(run, job, null, new WorkerLostError());
    if (run.reclaimed) log(`[jobs] ${run.job} ${run.id} taken over from a worker that stopped responding`);

    const timeout = setTimeout(
      () => controller.abort(new JobAbortedError("timeout", `Timed out after ${Math.round(job.timeoutMs / 1000)}s.`)),
      job.timeoutMs,
    );
    // Renewed well before it runs out, so only a dead worker (or a body that will not stop) loses its claim.
    const heartbeat = setInterval(() => {
      renewLease(run).catch((error: unknown) => log(`[jobs] lease renewal failed: ${describeError(error)}`));
    }, Math.max(1_000, Math.floor(leaseMs / 3)));
    const context: JobContext = {
      runId: run.id,
      attempt: run.attempts,
      signal: controller.signal,
      progress: async (progress) => {
        await db().jobRun.updateMany({
          where: ours(run),
          data: { progress: toJson(progress), lockedUntil: new Date(now().getTime() + leaseMs) },
        });
      },
    };
    const startedMs = now().getTime();
    try {
      // Job bodies start outside any request's database context (they open tenant clients themselves).
      const outcome = settle(withDbContext(NO_TENANT, () => job.run(run.payload, context)));
      const first = await Promise.race([outcome, whenAborted(controller.signal)]);
      if (first !== "aborted") return await record(run, job, startedMs, first, controller.signal);

      // Aborted: the run is not released while the body may still be writing (a retry would overlap it).
      const grace = delay(abortGraceMs);
      const settled = await Promise.race([outcome, grace.promise]);
      grace.cancel();
      if (settled !== null) return await record(run, job, startedMs, settled, controller.signal);

      lingering.add(run.id);
      log(`[jobs] ${run.job} ${run.id} did not stop within ${abortGraceMs}ms of being aborted; its lease is left to run out`);
      void outcome
        .then((late) => record(run, job, startedMs, late, controller.signal))
        .catch((error: unknown) => log(`[jobs] could not record ${run.job} ${run.id}: ${describeError(error)}`))
        .finally(() => lingering.delete(run.id));
    } finally {
      clearTimeout(timeout);
      clearInterval(heartbeat);
    }
  }

  function launch(run: ClaimedJobRun): Promise<void> {
    const controller = new AbortController();
    const done = execute(run, controller)
      .catch((error: unknown) => {
        // Recording the outcome failed (database down): the lease runs out and the run is taken over later.
        log(`[jobs] could not record ${run.job} ${run.id}: ${describeError(error)}`);
      })
      .finally(() => {
        inFlight.delete(run.id);
        if (!stopping && timer !== null) void claimAndLaunch();
      });
    inFlight.set(run.id, { controller, done });
    return done;
  }

  /**
   * One claim at a time per runner, so free slots are never over-filled.
   * Always in a context of its own: a wake-up comes from inside a request (enqueueJob),
   * and the runner — its claims, leases, records and every later run launched from
   * this chain — must not carry that request's database context (team, actor).
   */
  function claimAndLaunch(): Promise<number> {
    if (stopping) return Promise.resolve(0);
    if (claiming) return claiming;
    // The body may finish before withDbContext returns (no free slot: no await at all),
    // so `current` is declared first and only kept while the claim is still open.
    let current: Promise<number> | null = null;
    let finished = false;
    current = withDbContext(NO_TENANT, async () => {
      try {
        const free = concurrency - inFlight.size;
        if (free <= 0) return 0;
        const runs = await withDeadline(
          claimJobRuns({ workerId, jobs: [...jobs.keys()], limit: free, leaseMs, now: now(), excludeIds: [...lingering] }),
          CLAIM_DEADLINE_MS,
        );
        for (const run of runs) {
          log(`[jobs] ${run.job} ${run.id} started (attempt ${run.attempts})`);
          void launch(run);
        }
        return runs.length;
      } catch (error) {
        log(`[jobs] claim failed: ${describeError(error)}`);
        return 0;
      } finally {
        finished = true;
        if (claiming === current) claiming = null;
      }
    });
    if (!finished) claiming = current;
    return current;
  }

  function schedulePoll(): void {
    timer = setTimeout(() => {
      void claimAndLaunch().finally(() => {
        if (!stopping) schedulePoll();
      });
    }, pollIntervalMs);
    timer.unref();
  }

  return {
    workerId,
    start() {
      if (timer !== null || stopping) return;
      unsubscribe = onJobEnqueued(() => void claimAndLaunch());
      schedulePoll();
      void claimAndLaunch();
    },
    async runDue() {
      const before = new Set(inFlight.keys());
      const claimed = await claimAndLaunch();
      const started = [...inFlight.entries()].filter(([id]) => !before.has(id)).map(([, entry]) => entry.done);
      await Promise.all(started);
      return claimed;
    },
    async stop({ graceMs = 10_000 } = {}) {
      stopping = true;
      if (timer !== null) clearTimeout(timer);
      unsubscribe?.();
      await claiming;
      const running = [...inFlight.values()];
      if (running.length === 0) return;
      let graceTimer: NodeJS.Timeout | undefined;
      const grace = new Promise<void>((resolve) => {
        graceTimer = setTimeout(resolve, graceMs);
      });
      await Promise.race([Promise.all(running.map((entry) => entry.done)), grace]);
      clearTimeout(graceTimer);
      for (const entry of inFlight.values()) {
        entry.controller.abort(new JobAbortedError("shutdown", "The server stopped while the job ran."));
      }
      await Promise.all([...inFlight.values()].map((entry) => entry.done));
    },
  };
}
