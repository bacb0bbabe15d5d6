import { planById } from "@/lib/plans";
import { msg } from "@/lib/message";
import { ConflictError, ValidationError } from "@/server/errors";
import { getSubscription } from "@/server/services/billing/subscriptions";
import { startTenantMigration, type MigrationView } from "@/server/services/tenancy/migration";
import type { TeamContext } from "../../trpc";
import type { StartTierMoveInput } from "./start-tier-move.schema";

/**
 * The owner moves the team's data to the tier its plan includes (billing:manage;
 * the procedure chain already refuses a locked or read-only team). Only to the
 * plan's tier: a plan is what entitles a placement (Enterprise: a database of the
 * team's own, ISOLATED). The data stays in the team's region. The engine refuses
 * a second move while one runs, and a foreign database in the way.
 */
export async function startTierMove({ ctx, input }: { ctx: TeamContext; input: StartTierMoveInput }): Promise<MigrationView> {
  const plan = planById((await getSubscription(ctx.team.id)).planId);
  if (input.toTier !== plan.tier) {
    throw new ValidationError(msg`Your plan includes the ${plan.tier} tier: your data can only move there.`, "toTier");
  }
  if (ctx.team.tier === plan.tier) throw new ConflictError("Your data is already on the tier your plan includes.");
  return startTenantMigration({ teamId: ctx.team.id, toTier: plan.tier, requestedById: ctx.user.id });
}
