import type { SystemDb } from "@/server/db/system-client";
import { NotFoundError } from "@/server/errors";
import { syncTenantSchemas, type SyncReport } from "@/server/services/tenancy/sync";
import type { RetrySyncInput } from "./retry-sync.schema";

export type RetrySyncResult = { runId: string; result: SyncReport["results"][number] | null };

/** Re-runs schema sync for one team (after a failed sync), and says what happened to it. */
export async function retrySync({ ctx, input }: { ctx: { systemDb: SystemDb }; input: RetrySyncInput }): Promise<RetrySyncResult> {
  const team = await ctx.systemDb.team.findUnique({ where: { id: input.teamId }, select: { id: true } });
  if (!team) throw new NotFoundError("Team");
  const report = await syncTenantSchemas({ concurrency: 1, teamIds: [team.id] });
  return { runId: report.runId, result: report.results.find((entry) => entry.teamId === team.id) ?? null };
}
