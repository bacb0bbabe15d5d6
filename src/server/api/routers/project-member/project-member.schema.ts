import { z } from "zod";
import { ZId } from "../task/task.schema";

export const ZProjectRole = z.enum(["LEAD", "MEMBER", "VIEWER"]);
export const ZListProjectMembersInput = z.object({ projectId: ZId("Project") });
export const ZAddProjectMemberInput = z.object({ projectId: ZId("Project"), userId: ZId("User"), role: ZProjectRole.default("MEMBER") });
export const ZUpdateProjectMemberInput = z.object({ id: ZId("Membership"), data: z.object({ role: ZProjectRole }) });
export const ZRemoveProjectMemberInput = z.object({ id: ZId("Membership") });
export type ListProjectMembersInput = z.infer<typeof ZListProjectMembersInput>;
export type AddProjectMemberInput = z.infer<typeof ZAddProjectMemberInput>;
export type UpdateProjectMemberInput = z.infer<typeof ZUpdateProjectMemberInput>;
export type RemoveProjectMemberInput = z.infer<typeof ZRemoveProjectMemberInput>;
