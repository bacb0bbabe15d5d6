import { digestSchedule } from "@/server/services/digest/digest-runs";
import type { TeamContext } from "../../trpc";

/** When the team's digest arrives: everyone in the team may see it (the time zone form shows it). */
export function getDigestSchedule({ ctx }: { ctx: TeamContext }) {
  return digestSchedule(ctx.team.id);
}
