import { teamAnalytics } from "@/server/services/analytics/reports";
import type { TeamContext } from "../../trpc";
import type { TeamAnalyticsInput } from "./team.schema";

/** The caller's team's own AI usage and cost against what it pays (analytics:read, owners). */
export function getTeamAnalytics({ ctx, input }: { ctx: TeamContext; input: TeamAnalyticsInput }) {
  // The team comes from the verified session, never from the input.
  return teamAnalytics(ctx.team.id, input);
}
