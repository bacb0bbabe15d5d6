import { authedProcedure, createTRPCRouter, permissionProcedure, teamProcedure } from "../../trpc";
import { createTeam } from "./create.handler";
import { ZCreateTeamInput } from "./create.schema";
import { currentTeam } from "./current.handler";
import { listMyTeams } from "./list.handler";
import { listTeamMembers } from "./members.handler";

export const teamRouter = createTRPCRouter({
  current: teamProcedure.query(currentTeam),
  list: authedProcedure.query(listMyTeams),
  members: permissionProcedure("member:read").query(listTeamMembers),
  create: authedProcedure.input(ZCreateTeamInput).mutation(createTeam),
});
