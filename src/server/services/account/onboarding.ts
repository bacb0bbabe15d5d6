import { can, type TeamRole } from "@/lib/permissions";
import { ONBOARDING_STEPS, type Intent, type OnboardingStep } from "@/lib/onboarding";
import { getBaseDb } from "../../db/client";
import { getTenantDb } from "../../db/get-tenant-db";
import { ConflictError, ValidationError } from "../../errors";
import { ensureColumns } from "../tasks/columns";
import { rankBetween } from "@/lib/rank";
import { createInvitation } from "../team/invitations";
import { findTeamAccess } from "../team/team-access";

export type OnboardingState =
  | { status: "done" }
  | { status: "in-progress"; step: OnboardingStep; name: string | null; canInvite: boolean; teamId: string };

/** Where a user stands: finished (completed or skipped) or the step to resume at. */
export async function onboardingState(userId: string): Promise<OnboardingState> {
  const user = await getBaseDb().user.findUnique({
    where: { id: userId },
    select: { name: true, activeTeamId: true, onboardingStep: true, onboardingCompletedAt: true, onboardingSkippedAt: true },
  });
  if (!user || user.onboardingCompletedAt || user.onboardingSkippedAt || !user.activeTeamId) return { status: "done" };
  const access = await findTeamAccess(userId, user.activeTeamId);
  const canInvite = can(access?.role, "member:invite");
  let step = (ONBOARDING_STEPS as readonly string[]).includes(user.onboardingStep ?? "") ? (user.onboardingStep as OnboardingStep) : "profile";
  if (step === "invite" && !canInvite) step = "intent";
  return { status: "in-progress", step, name: user.name, canInvite, teamId: user.activeTeamId };
}

async function advance(userId: string, next: OnboardingStep) {
  await getBaseDb().user.update({ where: { id: userId }, data: { onboardingStep: next }, select: { id: true } });
}

export async function saveProfile(userId: string, name: string) {
  await getBaseDb().user.update({ where: { id: userId }, data: { name, onboardingStep: "invite" }, select: { id: true } });
}

/** Sends invitations for the addresses given (none: the step is skipped). Returns how many went out. */
export async function inviteDuringOnboarding(userId: string, teamId: string, emails: readonly string[]) {
  const access = await findTeamAccess(userId, teamId);
  let sent = 0;
  if (access && access.team.status === "ACTIVE" && can(access.role, "member:invite")) {
    for (const email of emails) {
      try {
        await createInvitation({ teamId, email, role: "STAFF", invitedBy: { id: userId, role: access.role } });
        sent++;
      } catch (error) {
        // Already a member or already invited: nothing more to send to that address.
        if (!(error instanceof ValidationError) && !(error instanceof ConflictError)) throw error;
      }
    }
  }
  await advance(userId, "intent");
  return sent;
}

const SAMPLE_TASKS = ["Invite your team", "Drag this task to In progress", "Add a due date and an assignee", "Move a task to Done"];

/**
 * Records the intent and finishes onboarding. "Project management" gets a sample
 * project with a few tasks in the user's own team (they own it, and it is not
 * locked), so the first dashboard is not empty — never in a team they joined.
 */
export async function chooseIntent(userId: string, teamId: string, intent: Intent): Promise<{ sampleProjectId: string | null }> {
  let sampleProjectId: string | null = null;
  const access = await findTeamAccess(userId, teamId);
  if (intent === "project-management" && access?.role === "OWNER" && access.team.status === "ACTIVE" && can(access.role as TeamRole, "project:create")) {
    const db = await getTenantDb(teamId, { actorId: userId, requestId: null });
    const columns = await ensureColumns({ db, role: access.role, user: { id: userId }, team: { id: teamId } });
    const first = columns[0];
    const project = await db.project.create({
      data: {
        name: "Getting started",
        description: "A sample project: try the board, then archive it.",
        createdById: userId,
        members: { create: { userId, role: "LEAD" } },
      },
      select: { id: true },
    });
    if (first) {
      let rank: string | null = null;
      for (const title of SAMPLE_TASKS) {
        rank = rankBetween(rank, null);
        await db.task.create({ data: { projectId: project.id, columnId: first.id, title, rank, createdById: userId }, select: { id: true } });
      }
    }
    sampleProjectId = project.id;
  }
  await getBaseDb().user.update({ where: { id: userId }, data: { intent, onboardingStep: null, onboardingCompletedAt: new Date() }, select: { id: true } });
  return { sampleProjectId };
}

/** Skipping is allowed, and recorded (with the step it happened at). */
export async function skipOnboarding(userId: string) {
  await getBaseDb().user.update({ where: { id: userId }, data: { onboardingSkippedAt: new Date() }, select: { id: true } });
}

/** What the user said brings them here (shapes the first dashboard). */
export async function userIntent(userId: string): Promise<string | null> {
  return (await getBaseDb().user.findUnique({ where: { id: userId }, select: { intent: true } }))?.intent ?? null;
}
