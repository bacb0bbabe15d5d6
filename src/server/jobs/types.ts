/**
 * The contract between job bodies (src/server/jobs/<job>.ts) and whoever runs them:
 * the embedded in-process runner (JobRun rows, cron, retries with backoff) or a
 * Trigger.dev task in trigger/ (a thin wrapper calling the same `run`).
 *
 * A job body must be idempotent and resumable: it can be retried after a crash at
 * any point, and running it twice for the same payload must not duplicate work.
 */
import type { z } from "zod";

export type JobContext = {
  /** The JobRun row's id (or the Trigger.dev run id). */
  runId: string;
  /** 1 for the first try. */
  attempt: number;
  /** Aborted when the run times out or the process shuts down. */
  signal: AbortSignal;
  /** Stores progress for the UI (e.g. { done: 3, total: 10 }); cheap enough to call per step. */
  progress(progress: Record<string, unknown>): Promise<void>;
};

export type JobDefinition<Payload> = {
  /** Stable name, also the Trigger.dev task id. */
  name: string;
  payload: z.ZodType<Payload>;
  /** Tries before the run is FAILED for good (default 5). */
  maxAttempts?: number;
  /** Per attempt (default 5 minutes). */
  timeoutMs?: number;
  run(payload: Payload, context: JobContext): Promise<unknown>;
  /**
   * Called once when the run has failed for good, whatever the cause: the last
   * attempt threw or timed out, a PermanentJobError, or a crashed worker's run
   * taken over with no attempts left (when the body had no chance to clean up).
   * For recording the failure on the job's own data (a document left
   * "processing"). Must be idempotent: it may be called again if it throws.
   */
  onFinalFailure?(payload: Payload, error: unknown, info: { runId: string }): Promise<void>;
};

/** Identity helper so definitions keep their payload type. */
export function defineJob<Payload>(definition: JobDefinition<Payload>): JobDefinition<Payload> {
  return definition;
}

/** An error that retrying cannot fix (bad payload, a corrupt file): the run fails at once. */
export class PermanentJobError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "PermanentJobError";
  }
}

/** The runner stopped the attempt: it ran past the job's timeout, or the process is shutting down. */
export class JobAbortedError extends Error {
  constructor(
    readonly reason: "timeout" | "shutdown",
    message: string,
  ) {
    super(message);
    this.name = "JobAbortedError";
  }
}

/** A run whose worker stopped renewing its lease (it crashed), taken over with no attempts left. */
export class WorkerLostError extends PermanentJobError {
  constructor() {
    super("The worker running this job stopped responding, and no attempts are left.");
    this.name = "WorkerLostError";
  }
}
