import type { JobContext, JobDefinition } from "./types";

/** A job with its payload type erased behind its own validation, so one map (and one runner) can hold them all. */
export type RegisteredJob = {
  name: string;
  maxAttempts: number;
  timeoutMs: number;
  /** Throws a ZodError when the payload does not fit the job. */
  parsePayload(payload: unknown): unknown;
  /** Validates the payload again (a stored row may be stale) and runs the body. */
  run(payload: unknown, context: JobContext): Promise<unknown>;
  /** The job's onFinalFailure hook; does nothing for a job without one or a payload that no longer validates. */
  onFinalFailure(payload: unknown, error: unknown, info: { runId: string }): Promise<void>;
};

export function toRegisteredJob<Payload>(definition: JobDefinition<Payload>): RegisteredJob {
  return {
    name: definition.name,
    maxAttempts: definition.maxAttempts ?? 5,
    timeoutMs: definition.timeoutMs ?? 5 * 60_000,
    parsePayload: (payload) => definition.payload.parse(payload),
    run: (payload, context) => definition.run(definition.payload.parse(payload), context),
    onFinalFailure: async (payload, error, info) => {
      if (!definition.onFinalFailure) return;
      const parsed = definition.payload.safeParse(payload);
      if (parsed.success) await definition.onFinalFailure(parsed.data, error, info);
    },
  };
}
