/**
 * The role → permission matrix: the single source for what each team role may do.
 * Inside a project, the project-level role (see projectRoleOf) narrows it further.
 * The API checks it (permissionProcedure) and the UI uses the same functions to
 * hide what a role cannot do. Isomorphic: no server imports.
 */
export const ROLES = ["OWNER", "ADMIN", "MANAGER", "STAFF"] as const;
export type TeamRole = (typeof ROLES)[number];

export const PERMISSIONS = [
  "project:read",
  "project:create",
  "project:update",
  "project:delete",
  "task:create",
  "task:update",
  "task:delete",
  "board:manage",
  "member:read",
  "member:invite",
  "member:remove",
  "member:update-role",
  "invoice:read",
  "invoice:create",
  "invoice:update",
  "invoice:delete",
  "invoice:configure",
  "document:read",
  "document:create",
  "document:delete",
  "usage:read",
  "audit:read",
  "billing:read",
  "billing:manage",
  "analytics:read",
  "team:update",
  "team:delete",
  "apikey:manage",
  "webhook:manage",
  "ai:use",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const EVERYONE: readonly TeamRole[] = ROLES;
const MANAGERS: readonly TeamRole[] = ["OWNER", "ADMIN", "MANAGER"];
const ADMINS: readonly TeamRole[] = ["OWNER", "ADMIN"];
const OWNER: readonly TeamRole[] = ["OWNER"];

const GRANTS: Record<Permission, readonly TeamRole[]> = {
  "project:read": EVERYONE,
  "project:create": MANAGERS,
  // Any project, whatever the project-level role (a project's LEAD may update it too).
  "project:update": ADMINS,
  "project:delete": ADMINS,
  // Within projects the user may work in (project role MEMBER or LEAD).
  "task:create": EVERYONE,
  "task:update": EVERYONE,
  "task:delete": MANAGERS,
  // The team's board columns (rename, add, reorder, remove).
  "board:manage": MANAGERS,
  "member:read": EVERYONE,
  "member:invite": ADMINS,
  "member:remove": ADMINS,
  "member:update-role": ADMINS,
  "invoice:read": MANAGERS,
  "invoice:create": MANAGERS,
  "invoice:update": MANAGERS,
  "invoice:delete": ADMINS,
  // The team's invoice SOP (VAT, discount and due-date rules, plain-language rules).
  "invoice:configure": ADMINS,
  // The company knowledge base: everyone may ask it; managers add documents.
  "document:read": EVERYONE,
  "document:create": MANAGERS,
  "document:delete": ADMINS,
  // AI tokens, cost and margin per user (operational intelligence).
  "usage:read": ADMINS,
  "audit:read": ADMINS,
  "billing:read": ADMINS,
  "billing:manage": OWNER,
  // The team's own analytics (AI usage and cost against what the team pays).
  "analytics:read": OWNER,
  "team:update": ADMINS,
  "team:delete": OWNER,
  "apikey:manage": ADMINS,
  "webhook:manage": ADMINS,
  "ai:use": EVERYONE,
};

export function can(role: TeamRole | null | undefined, permission: Permission): boolean {
  if (!role) return false;
  return GRANTS[permission].includes(role);
}

export function permissionsOf(role: TeamRole): Permission[] {
  return PERMISSIONS.filter((permission) => GRANTS[permission].includes(role));
}

export function isTeamRole(value: unknown): value is TeamRole {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

export const PROJECT_ROLES = ["LEAD", "MEMBER", "VIEWER"] as const;
export type ProjectRole = (typeof PROJECT_ROLES)[number];

/**
 * A user's effective role in a project: OWNER and ADMIN lead every project;
 * MANAGER sees every project and has its membership role where it has one (else
 * VIEWER); STAFF has only the projects it belongs to (null: no access at all).
 */
export function projectRoleOf(teamRole: TeamRole, membership: ProjectRole | null): ProjectRole | null {
  if (teamRole === "OWNER" || teamRole === "ADMIN") return "LEAD";
  if (teamRole === "MANAGER") return membership ?? "VIEWER";
  return membership;
}

export function canEditTasks(role: ProjectRole | null): boolean {
  return role === "LEAD" || role === "MEMBER";
}

export function canManageProject(role: ProjectRole | null): boolean {
  return role === "LEAD";
}
