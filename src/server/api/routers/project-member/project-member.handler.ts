import { mapPrismaErrors } from "@/server/db/errors";
import { ConflictError, NotFoundError, ValidationError } from "@/server/errors";
import { projectAccess, requireProjectLead } from "@/server/services/projects/project-access";
import { notify } from "@/server/services/notifications/notify";
import { listMembers } from "@/server/services/team/team-access";
import type { TeamContext } from "../../trpc";
import type {
  AddProjectMemberInput,
  ListProjectMembersInput,
  RemoveProjectMemberInput,
  UpdateProjectMemberInput,
} from "./project-member.schema";

const memberSelect = { id: true, userId: true, role: true, createdAt: true } as const;

/** The project's members with their names (team members come from the control plane). */
export async function listProjectMembers({ ctx, input }: { ctx: TeamContext; input: ListProjectMembersInput }) {
  await projectAccess(ctx, input.projectId);
  const [members, teamMembers] = await Promise.all([
    ctx.db.projectMember.findMany({ where: { projectId: input.projectId }, select: memberSelect, orderBy: { createdAt: "asc" } }),
    listMembers(ctx.team.id),
  ]);
  const people = new Map(teamMembers.map((m) => [m.id, m]));
  return members.map((m) => ({ ...m, name: people.get(m.userId)?.name ?? null, email: people.get(m.userId)?.email ?? null }));
}

export async function addProjectMember({ ctx, input }: { ctx: TeamContext; input: AddProjectMemberInput }) {
  const { project } = await requireProjectLead(ctx, input.projectId);
  const teamMembers = await listMembers(ctx.team.id);
  if (!teamMembers.some((m) => m.id === input.userId)) {
    throw new ValidationError("Only members of the team can be added to its projects.", "userId");
  }
  const existing = await ctx.db.projectMember.findUnique({
    where: { projectId_userId: { projectId: input.projectId, userId: input.userId } },
    select: { id: true },
  });
  if (existing) throw new ConflictError("This person is already a member of the project.", "userId");
  const member = await mapPrismaErrors(
    "Project member",
    ctx.db.projectMember.create({ data: { projectId: input.projectId, userId: input.userId, role: input.role }, select: memberSelect }),
  );
  await notify(ctx, {
    type: "project.added",
    recipients: [input.userId],
    title: `You were added to ${project.name}`,
    body: `Your role in the project: ${input.role.toLowerCase()}.`,
    link: `/projects/${input.projectId}`,
  });
  return member;
}

async function membershipOf(ctx: TeamContext, id: string) {
  const membership = await ctx.db.projectMember.findUnique({ where: { id }, select: { projectId: true, role: true } });
  if (!membership) throw new NotFoundError("Project member");
  await requireProjectLead(ctx, membership.projectId);
  return membership;
}

/** A project keeps at least one lead. */
async function assertNotLastLead(ctx: TeamContext, projectId: string, id: string) {
  const leads = await ctx.db.projectMember.count({ where: { projectId, role: "LEAD", id: { not: id } } });
  if (leads === 0) throw new ConflictError("A project needs at least one lead: make someone else lead first.");
}

export async function updateProjectMember({ ctx, input }: { ctx: TeamContext; input: UpdateProjectMemberInput }) {
  const membership = await membershipOf(ctx, input.id);
  if (membership.role === "LEAD" && input.data.role !== "LEAD") await assertNotLastLead(ctx, membership.projectId, input.id);
  return ctx.db.projectMember.update({ where: { id: input.id }, data: { role: input.data.role }, select: memberSelect });
}

export async function removeProjectMember({ ctx, input }: { ctx: TeamContext; input: RemoveProjectMemberInput }) {
  const membership = await membershipOf(ctx, input.id);
  if (membership.role === "LEAD") await assertNotLastLead(ctx, membership.projectId, input.id);
  await ctx.db.projectMember.delete({ where: { id: input.id }, select: { id: true } });
  return { id: input.id };
}
