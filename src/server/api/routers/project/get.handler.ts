import { NotFoundError } from "@/server/errors";
import type { TeamContext } from "../../trpc";
import type { GetProjectInput } from "./get.schema";
import { projectSelect } from "./project.select";

export async function getProject({ ctx, input }: { ctx: TeamContext; input: GetProjectInput }) {
  const project = await ctx.db.project.findUnique({ where: { id: input.id }, select: projectSelect });
  if (!project) throw new NotFoundError("Project");
  return project;
}
