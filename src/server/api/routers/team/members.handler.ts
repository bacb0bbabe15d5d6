import { changeMemberRole, listMembers, removeMember } from "@/server/services/team/team-access";
import type { TeamContext } from "../../trpc";
import type { RemoveMemberInput, UpdateMemberInput } from "./members.schema";

export function listTeamMembers({ ctx }: { ctx: TeamContext }) {
  return listMembers(ctx.team.id);
}

/** `id` is the member's user id. */
export function updateTeamMember({ ctx, input }: { ctx: TeamContext; input: UpdateMemberInput }) {
  return changeMemberRole(ctx.team.id, input.id, input.data.role, ctx.role);
}

/** Removes a member from the team and from its projects. */
export async function removeTeamMember({ ctx, input }: { ctx: TeamContext; input: RemoveMemberInput }) {
  const result = await removeMember(ctx.team.id, input.id, ctx.role);
  await ctx.db.projectMember.deleteMany({ where: { userId: input.id } });
  return result;
}
