import { AbortTaskRunError, metadata } from "@trigger.dev/sdk";
import { z } from "zod";
import { getBaseDb } from "../db/client";
import { Prisma } from "../db/generated/client";
import { EXTERNAL_LOCK } from "../db/job-claim";
import { describeError } from "../log";
import { JOB_RUN_TAG_PREFIX } from "./queue";
import { PermanentJobError, type JobContext, type JobDefinition } from "./types";

/**
 * How a Trigger.dev task (trigger/<job>.ts) runs a job body: the same body and
 * JobContext as the embedded runner, with Trigger.dev doing the retries. When
 * the run came through enqueueJob it carries a `jobrun:<id>` tag, and its JobRun
 * row gets the attempt, status, duration, progress and last error, so run history
 * looks the same in both modes.
 */
export type TriggerRunInfo = {
  ctx: { run: { id: string; tags: string[] }; attempt: { number: number } };
  signal: AbortSignal;
};

function jobRunIdOf(tags: readonly string[]): string | null {
  const tag = tags.find((value) => value.startsWith(JOB_RUN_TAG_PREFIX));
  return tag ? tag.slice(JOB_RUN_TAG_PREFIX.length) : null;
}

function json(value: unknown): Prisma.InputJsonValue | typeof Prisma.DbNull {
  if (value === undefined || value === null) return Prisma.DbNull;
  return JSON.parse(JSON.stringify(value, (_key, item: unknown) => (typeof item === "bigint" ? item.toString() : item))) as Prisma.InputJsonValue;
}

export async function runOnTriggerDev<Payload>(definition: JobDefinition<Payload>, rawPayload: unknown, { ctx, signal }: TriggerRunInfo): Promise<unknown> {
  const jobRunId = jobRunIdOf(ctx.run.tags);
  const where = jobRunId ? { id: jobRunId, lockedBy: EXTERNAL_LOCK } : null;
  const db = getBaseDb();
  const startedAt = new Date();
  if (where) {
    await db.jobRun.updateMany({ where, data: { status: "RUNNING", attempts: ctx.attempt.number, startedAt, finishedAt: null } });
  }
  const context: JobContext = {
    runId: ctx.run.id,
    attempt: ctx.attempt.number,
    signal,
    progress: async (progress) => {
      metadata.replace(JSON.parse(JSON.stringify(progress)) as Parameters<typeof metadata.replace>[0]);
      if (where) await db.jobRun.updateMany({ where, data: { progress: json(progress) } });
    },
  };
  const started = performance.now();
  try {
    const result = await definition.run(definition.payload.parse(rawPayload), context);
    if (where) {
      await db.jobRun.updateMany({
        where,
        data: { status: "SUCCEEDED", finishedAt: new Date(), durationMs: Math.round(performance.now() - started), lastError: null, result: json(result) },
      });
    }
    return result;
  } catch (error) {
    // Trigger.dev decides whether another attempt follows; a later success overwrites this.
    if (where) {
      await db.jobRun.updateMany({
        where,
        data: { status: "FAILED", finishedAt: new Date(), durationMs: Math.round(performance.now() - started), lastError: describeError(error).slice(0, 1_000) },
      });
    }
    // What a retry cannot fix (PermanentJobError, a payload that does not validate) stops Trigger.dev's retries too.
    const permanent = error instanceof PermanentJobError || error instanceof z.ZodError;
    if (permanent || ctx.attempt.number >= (definition.maxAttempts ?? 5)) await finalFailure(definition, rawPayload, error, jobRunId ?? ctx.run.id);
    if (permanent) throw new AbortTaskRunError(error.message);
    throw error;
  }
}

/**
 * The job's onFinalFailure hook after the last attempt (the task's retry policy
 * uses the job's maxAttempts). A failed hook is logged: the error that ended the
 * run is what Trigger.dev reports.
 */
async function finalFailure<Payload>(definition: JobDefinition<Payload>, rawPayload: unknown, error: unknown, runId: string): Promise<void> {
  if (!definition.onFinalFailure) return;
  const parsed = definition.payload.safeParse(rawPayload);
  if (!parsed.success) return;
  try {
    await definition.onFinalFailure(parsed.data, error, { runId });
  } catch (hookError) {
    console.error(`[jobs] ${definition.name}: the failure hook failed: ${describeError(hookError)}`);
  }
}
