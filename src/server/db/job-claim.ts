import { getBaseDb } from "./client";
import { Prisma } from "./generated/client";

export type ClaimedJobRun = {
  id: string;
  job: string;
  key: string;
  teamId: string | null;
  payload: unknown;
  attempts: number;
  maxAttempts: number;
  /** The claim took over a RUNNING run whose worker stopped renewing its lease (it crashed). */
  reclaimed: boolean;
};

/** Rows handed to Trigger.dev carry this lock for good: the embedded runner never takes them. */
export const EXTERNAL_LOCK = "trigger.dev";

/**
 * Claims up to `limit` due runs of the given jobs for `workerId`, atomically.
 *
 * Raw SQL because Prisma cannot express the claim: the candidates are picked
 * with FOR UPDATE SKIP LOCKED inside the same UPDATE, so concurrent runners (in
 * this process or others) each get different rows and none waits on another's
 * lock; a plain find-then-update would let two runners take the same row.
 * A run is due when it is QUEUED and its runAt has come, or RUNNING with a lease
 * (lockedUntil) that ran out — its worker crashed, so the run is taken over.
 * JobRun is a control-plane table (no RLS), so no tenant context is involved.
 */
export async function claimJobRuns(options: {
  workerId: string;
  jobs: readonly string[];
  limit: number;
  leaseMs: number;
  now: Date;
  /** Runs this worker must not take (an aborted body of theirs is still running here). */
  excludeIds?: readonly string[];
}): Promise<ClaimedJobRun[]> {
  if (options.limit <= 0 || options.jobs.length === 0) return [];
  const leaseUntil = new Date(options.now.getTime() + options.leaseMs);
  const rows = await getBaseDb().$queryRaw<
    Array<Omit<ClaimedJobRun, "reclaimed"> & { previousStatus: string }>
  >(Prisma.sql`
    WITH candidates AS (
      SELECT "id", "status"::text AS "previousStatus"
      FROM "JobRun"
      WHERE "job" = ANY(${[...options.jobs]}::text[])
        AND NOT ("id" = ANY(${[...(options.excludeIds ?? [])]}::text[]))
        AND (
          ("status" = 'QUEUED' AND "runAt" <= ${options.now} AND "lockedBy" IS NULL)
          OR ("status" = 'RUNNING' AND "lockedUntil" < ${options.now}
              AND "lockedBy" IS DISTINCT FROM ${EXTERNAL_LOCK})
        )
      ORDER BY "runAt" ASC
      LIMIT ${options.limit}
      FOR UPDATE SKIP LOCKED
    )
    UPDATE "JobRun" AS run
    SET "status" = 'RUNNING',
        "attempts" = run."attempts" + 1,
        "lockedBy" = ${options.workerId},
        "lockedUntil" = ${leaseUntil},
        "startedAt" = ${options.now},
        "finishedAt" = NULL,
        "updatedAt" = ${options.now}
    FROM candidates
    WHERE run."id" = candidates."id"
    RETURNING run."id", run."job", run."key", run."teamId", run."payload", run."attempts", run."maxAttempts",
              candidates."previousStatus"
  `);
  return rows.map(({ previousStatus, ...row }) => ({ ...row, reclaimed: previousStatus === "RUNNING" }));
}
