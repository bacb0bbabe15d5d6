import { latestTenantMigration, type MigrationView } from "@/server/services/tenancy/migration";
import type { TeamContext } from "../../trpc";

/**
 * The team's latest tier move (billing:read), for the live progress on the billing
 * page. A failure's detail (a database error) is for operators, on Platform →
 * Tenants: the team sees only that the move failed and was undone.
 */
export async function latestTierMove({ ctx }: { ctx: TeamContext }): Promise<MigrationView | null> {
  const migration = await latestTenantMigration(ctx.team.id);
  return migration ? { ...migration, error: null } : null;
}
