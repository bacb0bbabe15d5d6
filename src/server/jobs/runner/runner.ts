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
import { PermanentJobError, type JobContext } from "../types";
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
 *   PermanentJobError (or a payload that no longer validates) fails at once;
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
  /** For tests: the clock and the jitter source. */
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

class RunAborted extends Error {
  constructor(
    readonly reason: "timeout" | "shutdown",
    message: string,
  ) {
    super(message);
    this.name = "RunAborted";
  }
}

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

/** Resolves with the body's result, or rejects as soon as the signal aborts (a body that ignores its signal is not waited for). */
function raceAbort<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason as Error);
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

export function createJobRunner(options: JobRunnerOptions): JobRunner {
  const jobs = new Map<string, RegisteredJob>(options.jobs.map((job) => [job.name, job]));
  const concurrency = Math.max(1, options.concurrency ?? defaultConcurrency());
  const pollIntervalMs = options.pollIntervalMs ?? 2_000;
  const leaseMs = options.leaseMs ?? 60_000;
  const backoff = options.backoff ?? { baseMs: 5_000, maxMs: 15 * 60_000 };
  const now = options.now ?? (() => new Date());
  const random = options.random ?? Math.random;
  const workerId = options.workerId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const log = options.log ?? ((line: string) => console.log(line));

  const inFlight = new Map<string, { controller: AbortController; done: Promise<void> }>();
  let claiming: Promise<number> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let unsubscribe: (() => void) | null = null;
  let stopping = false;

  const db = () => getBaseDb();

  /** Only while the claim is still ours: a run taken over after a lost lease is the other runner's to record. */
  const ours = (run: ClaimedJobRun) => ({ id: run.id, lockedBy: workerId, status: "RUNNING" as const });

  async function renewLease(run: ClaimedJobRun): Promise<void> {
    await db().jobRun.updateMany({ where: ours(run), data: { lockedUntil: new Date(now().getTime() + leaseMs) } });
  }

  async function succeed(run: ClaimedJobRun, startedMs: number, result: unknown): Promise<void> {
    const { count } = await db().jobRun.updateMany({
      where: ours(run),
      data: {
        status: "SUCCEEDED",
        finishedAt: now(),
        durationMs: Math.round(performance.now() - startedMs),
        result: toJson(result),
        lastError: null,
        lockedBy: null,
        lockedUntil: null,
      },
    });
    log(`[jobs] ${run.job} ${run.id} succeeded (attempt ${run.attempts})${count === 0 ? " but its claim had been taken over" : ""}`);
  }

  async function fail(run: ClaimedJobRun, startedMs: number | null, error: unknown): Promise<void> {
    const durationMs = startedMs === null ? 0 : Math.round(performance.now() - startedMs);
    if (error instanceof RunAborted && error.reason === "shutdown") {
      // Not the body's fault: the attempt is given back and the run waits for the next runner.
      await db().jobRun.updateMany({
        where: ours(run),
        data: { status: "QUEUED", attempts: { decrement: 1 }, runAt: now(), lockedBy: null, lockedUntil: null, durationMs, lastError: errorText(error) },
      });
      log(`[jobs] ${run.job} ${run.id} interrupted by shutdown; queued again`);
      return;
    }
    const final = isPermanent(error) || run.attempts >= run.maxAttempts;
    const delay = backoffDelayMs(run.attempts, backoff, random);
    await db().jobRun.updateMany({
      where: ours(run),
      data: final
        ? { status: "FAILED", finishedAt: now(), durationMs, lastError: errorText(error), lockedBy: null, lockedUntil: null }
        : {
            status: "QUEUED",
            runAt: new Date(now().getTime() + delay),
            durationMs,
            lastError: errorText(error),
            lockedBy: null,
            lockedUntil: null,
          },
    });
    log(
      final
        ? `[jobs] ${run.job} ${run.id} failed for good (attempt ${run.attempts}/${run.maxAttempts}): ${errorText(error)}`
        : `[jobs] ${run.job} ${run.id} failed (attempt ${run.attempts}/${run.maxAttempts}), retry in ${Math.round(delay / 1000)}s: ${errorText(error)}`,
    );
  }

  async function execute(run: ClaimedJobRun, controller: AbortController): Promise<void> {
    const job = jobs.get(run.job);
    if (!job) return fail(run, null, new PermanentJobError(`No job named "${run.job}" is registered.`));
    if (run.reclaimed && run.attempts > run.maxAttempts) {
      return fail(run, null, new PermanentJobError("The worker running this job stopped responding, and no attempts are left."));
    }
    if (run.reclaimed) log(`[jobs] ${run.job} ${run.id} taken over from a worker that stopped responding`);

    const timeout = setTimeout(
      () => controller.abort(new RunAborted("timeout", `Timed out after ${Math.round(job.timeoutMs / 1000)}s.`)),
      job.timeoutMs,
    );
    // Renewed well before it runs out, so only a dead worker loses its claim.
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
    const startedMs = performance.now();
    try {
      // Job bodies start outside any request's database context (they open tenant clients themselves).
      const result = await raceAbort(
        withDbContext(NO_TENANT, () => job.run(run.payload, context)),
        controller.signal,
      );
      await succeed(run, startedMs, result);
    } catch (error) {
      await fail(run, startedMs, error);
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

  /** One claim at a time per runner, so free slots are never over-filled. */
  async function claimAndLaunch(): Promise<number> {
    if (stopping) return 0;
    if (claiming) return claiming;
    claiming = (async () => {
      try {
        const free = concurrency - inFlight.size;
        if (free <= 0) return 0;
        const runs = await claimJobRuns({ workerId, jobs: [...jobs.keys()], limit: free, leaseMs, now: now() });
        for (const run of runs) void launch(run);
        return runs.length;
      } catch (error) {
        log(`[jobs] claim failed: ${describeError(error)}`);
        return 0;
      } finally {
        claiming = null;
      }
    })();
    return claiming;
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
        entry.controller.abort(new RunAborted("shutdown", "The server stopped while the job ran."));
      }
      await Promise.all([...inFlight.values()].map((entry) => entry.done));
    },
  };
}
