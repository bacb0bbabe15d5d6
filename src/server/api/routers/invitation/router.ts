import { createTRPCRouter, permissionProcedure } from "../../trpc";
import { inviteToTeam, listTeamInvitations, resendTeamInvitation, revokeTeamInvitation } from "./invitation.handler";
import { ZCreateInvitationInput, ZInvitationIdInput } from "./invitation.schema";

export const invitationRouter = createTRPCRouter({
  list: permissionProcedure("member:invite").query(listTeamInvitations),
  create: permissionProcedure("member:invite").input(ZCreateInvitationInput).mutation(inviteToTeam),
  resend: permissionProcedure("member:invite").input(ZInvitationIdInput).mutation(resendTeamInvitation),
  delete: permissionProcedure("member:invite").input(ZInvitationIdInput).mutation(revokeTeamInvitation),
});
