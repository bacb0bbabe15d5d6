import { ForbiddenError, NotFoundError } from "@/server/errors";
import { mentionedUsers, notify } from "@/server/services/notifications/notify";
import { projectAccess, requireTaskEditor } from "@/server/services/projects/project-access";
import { listMembers } from "@/server/services/team/team-access";
import type { TeamContext } from "../../trpc";
import type { CreateCommentInput, DeleteCommentInput, ListCommentsInput } from "./task-comment.schema";

const commentSelect = { id: true, taskId: true, authorId: true, body: true, createdAt: true } as const;

async function projectOfTask(ctx: TeamContext, taskId: string): Promise<string> {
  const task = await ctx.db.task.findUnique({ where: { id: taskId }, select: { projectId: true } });
  if (!task) throw new NotFoundError("Task");
  return task.projectId;
}

export async function listComments({ ctx, input }: { ctx: TeamContext; input: ListCommentsInput }) {
  await projectAccess(ctx, await projectOfTask(ctx, input.taskId));
  return ctx.db.taskComment.findMany({ where: { taskId: input.taskId }, select: commentSelect, orderBy: { createdAt: "asc" }, take: 500 });
}

/** Comments by project editors; people @mentioned (by first name or email) among the project's members are notified. */
export async function createComment({ ctx, input }: { ctx: TeamContext; input: CreateCommentInput }) {
  const projectId = await projectOfTask(ctx, input.taskId);
  await requireTaskEditor(ctx, projectId);
  const comment = await ctx.db.taskComment.create({ data: { taskId: input.taskId, body: input.body, authorId: ctx.user.id }, select: commentSelect });
  if (input.body.includes("@")) {
    const [members, people, task] = await Promise.all([
      ctx.db.projectMember.findMany({ where: { projectId }, select: { userId: true } }),
      listMembers(ctx.team.id),
      ctx.db.task.findUniqueOrThrow({ where: { id: input.taskId }, select: { title: true } }),
    ]);
    const inProject = new Set(members.map((m) => m.userId));
    const candidates = people.filter((p) => inProject.has(p.id)).map((p) => ({ userId: p.id, name: p.name, email: p.email }));
    await notify(ctx, {
      type: "comment.mention",
      recipients: mentionedUsers(input.body, candidates),
      title: `You were mentioned on “${task.title}”`,
      body: input.body.slice(0, 280),
      link: `/projects/${projectId}?task=${input.taskId}`,
    });
  }
  return comment;
}

/** Authors delete their own comments; a project's lead deletes any. */
export async function deleteComment({ ctx, input }: { ctx: TeamContext; input: DeleteCommentInput }) {
  const comment = await ctx.db.taskComment.findUnique({ where: { id: input.id }, select: { authorId: true, taskId: true } });
  if (!comment) throw new NotFoundError("Comment");
  const projectId = await projectOfTask(ctx, comment.taskId);
  const access = await projectAccess(ctx, projectId);
  if (access.role !== "LEAD") {
    // Others need to be editors of the (active) project, and the comment theirs.
    await requireTaskEditor(ctx, projectId);
    if (comment.authorId !== ctx.user.id) throw new ForbiddenError("You can only delete your own comments.");
  } else if (access.project.status === "ARCHIVED") {
    throw new ForbiddenError("This project is archived: restore it to change its tasks.");
  }
  await ctx.db.taskComment.delete({ where: { id: input.id }, select: { id: true } });
  return { id: input.id };
}
