import type { TeamContext } from "../../trpc";
import type { CreateProjectInput } from "./create.schema";
import { projectSelect } from "./project.select";

/** The creator leads the new project. */
export async function createProject({ ctx, input }: { ctx: TeamContext; input: CreateProjectInput }) {
  const project = await ctx.db.project.create({
    data: {
      name: input.name,
      description: input.description || null,
      createdById: ctx.user.id,
      members: { create: { userId: ctx.user.id, role: "LEAD" } },
    },
    select: projectSelect,
  });
  return { ...project, role: "LEAD" as const };
}
