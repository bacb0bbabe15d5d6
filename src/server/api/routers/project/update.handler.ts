import { mapPrismaErrors } from "@/server/db/errors";
import { requireProjectLead } from "@/server/services/projects/project-access";
import type { TeamContext } from "../../trpc";
import { projectSelect } from "./project.select";
import type { UpdateProjectInput } from "./update.schema";

/** Renames, describes, archives or restores a project: its leads (owners and admins lead every project). */
export async function updateProject({ ctx, input }: { ctx: TeamContext; input: UpdateProjectInput }) {
  await requireProjectLead(ctx, input.id);
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
