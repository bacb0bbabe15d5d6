import { authedProcedure, createTRPCRouter, permissionProcedure, teamProcedure } from "../../trpc";
import { createTeam } from "./create.handler";
import { ZCreateTeamInput } from "./create.schema";
import { currentTeam } from "./current.handler";
import { listMyTeams } from "./list.handler";
import { listTeamMembers, removeTeamMember, updateTeamMember } from "./members.handler";
import { ZRemoveMemberInput, ZUpdateMemberInput } from "./members.schema";
import { updateSettings } from "./update-settings.handler";
import { ZUpdateTeamSettingsInput } from "./update-settings.schema";

export const teamRouter = createTRPCRouter({
  current: teamProcedure.query(currentTeam),
  list: authedProcedure.query(listMyTeams),
  members: permissionProcedure("member:read").query(listTeamMembers),
  create: authedProcedure.input(ZCreateTeamInput).mutation(createTeam),
  updateMember: permissionProcedure("member:update-role").input(ZUpdateMemberInput).mutation(updateTeamMember),
  removeMember: permissionProcedure("member:remove").input(ZRemoveMemberInput).mutation(removeTeamMember),
  updateSettings: permissionProcedure("team:update").input(ZUpdateTeamSettingsInput).mutation(updateSettings),
});
