import { mapPrismaErrors } from "@/server/db/errors";
import type { TeamContext } from "../../trpc";
import type { DeleteProjectInput } from "./delete.schema";

export async function deleteProject({ ctx, input }: { ctx: TeamContext; input: DeleteProjectInput }) {
  await mapPrismaErrors("Project", ctx.db.project.delete({ where: { id: input.id }, select: { id: true } }));
  return { id: input.id };
}
