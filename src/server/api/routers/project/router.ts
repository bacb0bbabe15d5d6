import { createTRPCRouter, permissionProcedure, teamProcedure } from "../../trpc";
import { createProject } from "./create.handler";
import { ZCreateProjectInput } from "./create.schema";
import { deleteProject } from "./delete.handler";
import { ZDeleteProjectInput } from "./delete.schema";
import { getProject } from "./get.handler";
import { ZGetProjectInput } from "./get.schema";
import { listProjects } from "./list.handler";
import { ZListProjectsInput } from "./list.schema";
import { updateProject } from "./update.handler";
import { ZUpdateProjectInput } from "./update.schema";

export const projectRouter = createTRPCRouter({
  list: permissionProcedure("project:read").input(ZListProjectsInput).query(listProjects),
  get: permissionProcedure("project:read").input(ZGetProjectInput).query(getProject),
  create: permissionProcedure("project:create").input(ZCreateProjectInput).mutation(createProject),
  // Project-level: the project's leads (checked in the handler).
  update: teamProcedure.input(ZUpdateProjectInput).mutation(updateProject),
  delete: permissionProcedure("project:delete").input(ZDeleteProjectInput).mutation(deleteProject),
});
