import { mapPrismaErrors } from "@/server/db/errors";
import type { TeamContext } from "../../trpc";
import { projectSelect } from "./project.select";
import type { UpdateProjectInput } from "./update.schema";

export async function updateProject({ ctx, input }: { ctx: TeamContext; input: UpdateProjectInput }) {
  const { description, ...rest } = input.data;
  return mapPrismaErrors(
    "Project",
    ctx.db.project.update({
      where: { id: input.id },
      data: { ...rest, ...(description !== undefined ? { description: description || null } : {}) },
      select: projectSelect,
    }),
  );
}
