import { projectAccess } from "@/server/services/projects/project-access";
import type { TeamContext } from "../../trpc";
import type { GetProjectInput } from "./get.schema";
import { projectSelect } from "./project.select";

export async function getProject({ ctx, input }: { ctx: TeamContext; input: GetProjectInput }) {
  const { role } = await projectAccess(ctx, input.id);
  const project = await ctx.db.project.findUniqueOrThrow({ where: { id: input.id }, select: projectSelect });
  return { ...project, role };
}
