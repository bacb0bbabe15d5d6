import { listMembers } from "@/server/services/team/team-access";
import type { TeamContext } from "../../trpc";

export function listTeamMembers({ ctx }: { ctx: TeamContext }) {
  return listMembers(ctx.team.id);
}
