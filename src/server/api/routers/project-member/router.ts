import { createTRPCRouter, teamProcedure } from "../../trpc";
import { addProjectMember, listProjectMembers, removeProjectMember, updateProjectMember } from "./project-member.handler";
import {
  ZAddProjectMemberInput,
  ZListProjectMembersInput,
  ZRemoveProjectMemberInput,
  ZUpdateProjectMemberInput,
} from "./project-member.schema";

export const projectMemberRouter = createTRPCRouter({
  list: teamProcedure.input(ZListProjectMembersInput).query(listProjectMembers),
  create: teamProcedure.input(ZAddProjectMemberInput).mutation(addProjectMember),
  update: teamProcedure.input(ZUpdateProjectMemberInput).mutation(updateProjectMember),
  delete: teamProcedure.input(ZRemoveProjectMemberInput).mutation(removeProjectMember),
});
