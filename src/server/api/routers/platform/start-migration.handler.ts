import type { SystemDb } from "@/server/db/system-client";
import { NotFoundError } from "@/server/errors";
import { startTenantMigration, type MigrationView } from "@/server/services/tenancy/migration";
import type { StartMigrationInput } from "./start-migration.schema";

/**
 * An operator moves a team to another tier. The engine refuses what it cannot do
 * (a migration already running, the tier the team is on, an unserved tier) with
 * typed errors, which reach the operator as 4xx with their message.
 */
export async function startMigration({
  ctx,
  input,
}: {
  ctx: { systemDb: SystemDb; user: { id: string } };
  input: StartMigrationInput;
}): Promise<MigrationView> {
  const team = await ctx.systemDb.team.findUnique({ where: { id: input.teamId }, select: { id: true } });
  if (!team) throw new NotFoundError("Team");
  return startTenantMigration({ teamId: team.id, toTier: input.toTier, requestedById: ctx.user.id });
}
