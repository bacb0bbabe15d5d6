import { getAiUsageReport } from "@/server/services/ai-usage/usage-report";
import type { TeamContext } from "../../trpc";
import type { AiUsageInput } from "./usage.schema";

/** Tokens, cost, prorated revenue and margin of the caller's team (usage:read). */
export function getAiUsage({ ctx, input }: { ctx: TeamContext; input: AiUsageInput }) {
  return getAiUsageReport(ctx.team.id, input);
}
