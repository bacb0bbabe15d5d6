import type { TeamContext } from "../../trpc";
import type { CreateProjectInput } from "./create.schema";
import { projectSelect } from "./project.select";

export async function createProject({ ctx, input }: { ctx: TeamContext; input: CreateProjectInput }) {
  return ctx.db.project.create({
    data: { name: input.name, description: input.description || null, createdById: ctx.user.id },
    select: projectSelect,
  });
}
