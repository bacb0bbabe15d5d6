import { createInvitation, listInvitations, resendInvitation, revokeInvitation } from "@/server/services/team/invitations";
import type { TeamContext } from "../../trpc";
import type { CreateInvitationInput, InvitationIdInput } from "./invitation.schema";

export function listTeamInvitations({ ctx }: { ctx: TeamContext }) {
  return listInvitations(ctx.team.id);
}

export function inviteToTeam({ ctx, input }: { ctx: TeamContext; input: CreateInvitationInput }) {
  return createInvitation({ teamId: ctx.team.id, email: input.email, role: input.role, invitedBy: { id: ctx.user.id, role: ctx.role } });
}

export function resendTeamInvitation({ ctx, input }: { ctx: TeamContext; input: InvitationIdInput }) {
  return resendInvitation(ctx.team.id, input.id, { id: ctx.user.id, role: ctx.role });
}

export function revokeTeamInvitation({ ctx, input }: { ctx: TeamContext; input: InvitationIdInput }) {
  return revokeInvitation(ctx.team.id, input.id);
}
