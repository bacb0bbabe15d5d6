import type { SystemDb } from "@/server/db/system-client";
import { NotFoundError } from "@/server/errors";
import { startTenantMigration, type MigrationView } from "@/server/services/tenancy/migration";
import type { StartMigrationInput } from "./start-migration.schema";

/**
 * An operator moves a team to another tier, another region, or both. The engine
 * refuses what it cannot do (a migration already running, the placement the team
 * is on, a region this installation does not offer, a locked team, a foreign
 * database in the way) with typed errors, which reach the operator as 4xx with
 * their message.
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
  return startTenantMigration({ teamId: team.id, toTier: input.toTier, toRegion: input.toRegion, requestedById: ctx.user.id });
}
