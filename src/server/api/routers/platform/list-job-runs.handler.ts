import type { SystemDb } from "@/server/db/system-client";
import type { ListJobRunsInput } from "./list-job-runs.schema";

/**
 * Recent background job runs of every team, for operators: what ran, how long it
 * took and why it failed. Payloads are left out (they name tenant rows); errors
 * were summarised without secrets when they were recorded.
 */
export async function listJobRuns({ ctx, input }: { ctx: { systemDb: SystemDb }; input: ListJobRunsInput }) {
  const runs = await ctx.systemDb.jobRun.findMany({
    where: input.status ? { status: input.status } : {},
    orderBy: { createdAt: "desc" },
    take: input.limit,
    select: {
      id: true,
      job: true,
      teamId: true,
      status: true,
      attempts: true,
      maxAttempts: true,
      runAt: true,
      startedAt: true,
      finishedAt: true,
      durationMs: true,
      lastError: true,
      lockedBy: true,
      createdAt: true,
    },
  });
  const teamIds = [...new Set(runs.flatMap((run) => (run.teamId ? [run.teamId] : [])))];
  const teams = teamIds.length ? await ctx.systemDb.team.findMany({ where: { id: { in: teamIds } }, select: { id: true, name: true } }) : [];
  const names = new Map(teams.map((team) => [team.id, team.name]));
  return runs.map((run) => ({ ...run, teamName: run.teamId ? (names.get(run.teamId) ?? null) : null }));
}
