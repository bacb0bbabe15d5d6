import { z } from "zod";
import { getBaseDb } from "../db/client";
import { Prisma } from "../db/generated/client";
import { EXTERNAL_LOCK } from "../db/job-claim";
import { DomainError } from "../errors";
import { describeError } from "../log";
import { wakeJobRunners } from "./runner/wake";

/**
 * Enqueues a job run. The JobRun row is the record of the run in both modes:
 * - embedded (no TRIGGER_SECRET_KEY): the in-process runner (src/server/jobs/runner)
 *   claims QUEUED rows whose runAt has come;
 * - Trigger.dev (TRIGGER_SECRET_KEY set): the run is handed over with the key as
 *   Trigger.dev idempotency key and the row's id as a tag; the row is locked for
 *   good (lockedBy "trigger.dev") so an embedded runner never takes it, and the
 *   task wrapper records status, duration and error on it (trigger-run.ts).
 *   If the hand-over fails, the caller gets an error and the key stays free.
 *
 * Idempotent by `key`: enqueueing an existing key returns that run (created=false),
 * whatever its status — so "once per team per day" is a key like
 * `ceo-digest:<teamId>:<date>`. The payload is validated with the job's schema
 * here, so a bad payload fails the caller rather than a run later.
 */
export type EnqueueJobInput = {
  /** A registered job name (src/server/jobs/registry.ts), also the Trigger.dev task id. */
  job: string;
  payload: unknown;
  /** Idempotency key: one run per key, ever. */
  key: string;
  /** The team the run works for (shown in history; null for control-plane jobs). */
  teamId?: string | null;
  /** Not before (default: now). */
  runAt?: Date;
  /** Tries before the run is FAILED for good (default: the job's own, else 5). */
  maxAttempts?: number;
};

const ZEnqueueJobInput = z.object({
  job: z.string().min(1).max(100),
  payload: z.unknown(),
  key: z.string().min(1).max(300),
  teamId: z.string().min(1).max(64).nullish(),
  runAt: z.date().optional(),
  maxAttempts: z.number().int().min(1).max(50).optional(),
});

/** The tag that links a Trigger.dev run to its JobRun row. */
export const JOB_RUN_TAG_PREFIX = "jobrun:";

export function triggerDevConfigured(env: Readonly<Record<string, string | undefined>> = process.env): boolean {
  return Boolean(env.TRIGGER_SECRET_KEY?.trim());
}

export async function enqueueJob(input: EnqueueJobInput): Promise<{ id: string; created: boolean }> {
  return enqueue(input, triggerDevConfigured());
}

/**
 * For code already running on Trigger.dev (a scheduled task fanning out per-team
 * runs): always hands over, whatever this process's environment says.
 */
export async function enqueueOnTriggerDev(input: EnqueueJobInput): Promise<{ id: string; created: boolean }> {
  return enqueue(input, true);
}

async function enqueue(input: EnqueueJobInput, handOver: boolean): Promise<{ id: string; created: boolean }> {
  const parsed = ZEnqueueJobInput.parse(input);
  // Imported lazily: the registry imports the job bodies, and a body may enqueue jobs.
  const { getJobDefinition } = await import("./registry");
  const definition = getJobDefinition(parsed.job);
  if (!definition) throw new Error(`Unknown job "${parsed.job}".`);
  const payload = definition.parsePayload(parsed.payload);

  const db = getBaseDb();
  const existing = await db.jobRun.findUnique({ where: { key: parsed.key }, select: { id: true } });
  if (existing) return { id: existing.id, created: false };

  let run: { id: string };
  try {
    run = await db.jobRun.create({
      data: {
        job: parsed.job,
        key: parsed.key,
        teamId: parsed.teamId ?? null,
        payload: payload as Prisma.InputJsonValue,
        maxAttempts: parsed.maxAttempts ?? definition.maxAttempts,
        runAt: parsed.runAt ?? new Date(),
        lockedBy: handOver ? EXTERNAL_LOCK : null,
      },
      select: { id: true },
    });
  } catch (error) {
    // Two callers raced on the same key: the other one's row is the run.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      const winner = await db.jobRun.findUnique({ where: { key: parsed.key }, select: { id: true } });
      if (winner) return { id: winner.id, created: false };
    }
    throw error;
  }

  if (handOver) await handOverToTriggerDev(run.id, parsed.job, payload, parsed.key, parsed.runAt);
  else wakeJobRunners();
  return { id: run.id, created: true };
}

/**
 * A failed hand-over (Trigger.dev unreachable, a bad key) removes the row again
 * and tells the caller to retry: the key stays free, so the next attempt — the
 * caller's, or the next scheduler tick — hands it over afresh. Should Trigger.dev
 * have accepted the run after all, its idempotency key keeps a retry from doubling it.
 */
async function handOverToTriggerDev(id: string, job: string, payload: unknown, key: string, runAt: Date | undefined) {
  const db = getBaseDb();
  try {
    const { tasks } = await import("@trigger.dev/sdk");
    const delay = runAt && runAt.getTime() > Date.now() ? runAt : undefined;
    const handle = await tasks.trigger(job, payload, {
      idempotencyKey: key,
      tags: [`${JOB_RUN_TAG_PREFIX}${id}`],
      ...(delay ? { delay } : {}),
    });
    await db.jobRun.update({ where: { id }, data: { result: { triggerRunId: handle.id } }, select: { id: true } });
  } catch (error) {
    console.error(`[jobs] ${job}: Trigger.dev hand-over failed: ${describeError(error)}`);
    await db.jobRun.deleteMany({ where: { id, status: "QUEUED" } });
    throw new DomainError("INTERNAL", "The background job could not be started. Please try again in a moment.", { cause: error });
  }
}

/**
 * Gives a FAILED run a fresh set of attempts (an admin asking again after the
 * cause was fixed). False when the key's run is not FAILED (queued, running or
 * done: nothing to do) or runs on Trigger.dev (retried from its dashboard).
 */
export async function requeueFailedJob(key: string): Promise<boolean> {
  const { count } = await getBaseDb().jobRun.updateMany({
    where: { key, status: "FAILED", OR: [{ lockedBy: null }, { lockedBy: { not: EXTERNAL_LOCK } }] },
    data: { status: "QUEUED", attempts: 0, runAt: new Date(), lockedBy: null, lockedUntil: null, finishedAt: null },
  });
  if (count > 0) wakeJobRunners();
  return count > 0;
}

/** How long finished runs stay in the history (failures longer: they may still be investigated). */
export const JOB_RUN_RETENTION_DAYS = { finished: 30, failed: 90 } as const;

/**
 * Deletes old finished runs so the history does not grow without bound (a few
 * runs per team per day). Only past keys go: the scheduler never enqueues a key
 * for an earlier day again, so pruning cannot bring a run back.
 */
export async function pruneJobRuns(now: Date = new Date()): Promise<number> {
  const day = 86_400_000;
  const { count } = await getBaseDb().jobRun.deleteMany({
    where: {
      OR: [
        { status: { in: ["SUCCEEDED", "CANCELLED"] }, updatedAt: { lt: new Date(now.getTime() - JOB_RUN_RETENTION_DAYS.finished * day) } },
        { status: "FAILED", updatedAt: { lt: new Date(now.getTime() - JOB_RUN_RETENTION_DAYS.failed * day) } },
      ],
    },
  });
  return count;
}
