import { can } from "@/lib/permissions";
import { mapPrismaErrors } from "@/server/db/errors";
import { ForbiddenError, NotFoundError } from "@/server/errors";
import { projectAccess } from "@/server/services/projects/project-access";
import type { TeamContext } from "../../trpc";
import type { DeleteTaskInput } from "./delete.schema";

/** A project's lead, a manager with access, or the task's author may delete it. */
export async function deleteTask({ ctx, input }: { ctx: TeamContext; input: DeleteTaskInput }) {
  const task = await ctx.db.task.findUnique({ where: { id: input.id }, select: { projectId: true, createdById: true } });
  if (!task) throw new NotFoundError("Task");
  const access = await projectAccess(ctx, task.projectId).catch(() => null);
  if (!access) throw new NotFoundError("Task");
  const allowed =
    access.role === "LEAD" || (access.role === "MEMBER" && (task.createdById === ctx.user.id || can(ctx.role, "task:delete")));
  if (!allowed) throw new ForbiddenError("Only the project's lead, a manager, or the task's author can delete it.");
  if (access.project.status === "ARCHIVED") throw new ForbiddenError("This project is archived: restore it to change its tasks.");
  await mapPrismaErrors("Task", ctx.db.task.delete({ where: { id: input.id }, select: { id: true } }));
  return { id: input.id };
}
