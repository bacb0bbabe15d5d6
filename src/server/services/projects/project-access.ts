import { canEditTasks, canManageProject, projectRoleOf, type ProjectRole } from "@/lib/permissions";
import { ForbiddenError, NotFoundError } from "../../errors";
import type { TenantRequest } from "../tenant-request";
import { msg } from "@/lib/message";

export type ProjectAccess = {
  project: { id: string; name: string; status: "ACTIVE" | "ARCHIVED" };
  role: ProjectRole;
};

/**
 * The caller's effective role in a project, in one query. A project the caller
 * may not see is "not found", exactly like a project of another team.
 */
export async function projectAccess(req: TenantRequest, projectId: string): Promise<ProjectAccess> {
  const project = await req.db.project.findUnique({
    where: { id: projectId },
    select: { id: true, name: true, status: true, members: { where: { userId: req.user.id }, select: { role: true } } },
  });
  if (!project) throw new NotFoundError("Project");
  const role = projectRoleOf(req.role, project.members[0]?.role ?? null);
  if (!role) throw new NotFoundError("Project");
  return { project: { id: project.id, name: project.name, status: project.status }, role };
}

/** Access for changing tasks: LEAD or MEMBER, and the project is not archived. */
export async function requireTaskEditor(req: TenantRequest, projectId: string): Promise<ProjectAccess> {
  const access = await projectAccess(req, projectId);
  if (!canEditTasks(access.role)) {
    throw new ForbiddenError(msg`Your role in this project (${access.role.toLowerCase()}) lets you read its tasks, not change them.`);
  }
  if (access.project.status === "ARCHIVED") throw new ForbiddenError("This project is archived: restore it to change its tasks.");
  return access;
}

/** Access for managing the project itself (settings, members, archive): LEAD. */
export async function requireProjectLead(req: TenantRequest, projectId: string): Promise<ProjectAccess> {
  const access = await projectAccess(req, projectId);
  if (!canManageProject(access.role)) throw new ForbiddenError("Only a lead of this project can do this.");
  return access;
}

/** A filter for the projects the caller may see (STAFF: only those it belongs to). */
export function visibleProjectsWhere(req: TenantRequest) {
  return req.role === "STAFF" ? { members: { some: { userId: req.user.id } } } : {};
}
