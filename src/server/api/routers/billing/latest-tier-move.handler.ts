import { latestTenantMigration, type MigrationView } from "@/server/services/tenancy/migration";
import type { TeamContext } from "../../trpc";

/** The team's latest tier move (billing:read), for the live progress on the billing page. */
export function latestTierMove({ ctx }: { ctx: TeamContext }): Promise<MigrationView | null> {
  return latestTenantMigration(ctx.team.id);
}
