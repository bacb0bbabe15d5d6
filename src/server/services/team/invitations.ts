import { createHash, randomBytes } from "node:crypto";
import type { TeamRole } from "@/lib/permissions";
import { appUrl } from "../../app-url";
import { getBaseDb } from "../../db/client";
import type { Prisma } from "../../db/generated/client";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "../../errors";
import { getTenantDb } from "../../db/get-tenant-db";
import { enqueueEmail, escapeHtml, kickOutbox } from "../mail/outbox";
import { describeError } from "../../log";
import { notify } from "../notifications/notify";
import { invalidateTeamAccess } from "./team-access";
import { msg } from "@/lib/message";

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** The link carries a random 256-bit token; only its SHA-256 is stored, so the database alone cannot forge or reveal a link. */
function newToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, tokenHash: hashToken(token) };
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

function inviteUrl(token: string): string {
  return appUrl(`/invite/${token}`);
}

const invitationSelect = {
  id: true,
  email: true,
  role: true,
  expiresAt: true,
  acceptedAt: true,
  revokedAt: true,
  createdAt: true,
  invitedById: true,
} as const;

export function invitationState(invitation: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date }, now = new Date()) {
  if (invitation.acceptedAt) return "ACCEPTED" as const;
  if (invitation.revokedAt) return "REVOKED" as const;
  if (invitation.expiresAt <= now) return "EXPIRED" as const;
  return "PENDING" as const;
}

async function sendInvitationEmail(
  tx: Parameters<typeof enqueueEmail>[1],
  input: { email: string; token: string; teamName: string; inviterName: string; teamId: string },
) {
  const url = inviteUrl(input.token);
  await enqueueEmail(
    {
      to: input.email,
      kind: "invitation",
      teamId: input.teamId,
      subject: `${input.inviterName} invited you to ${input.teamName}`,
      text: `${input.inviterName} invited you to join ${input.teamName} on Enterprise Business OS.\n\nAccept the invitation: ${url}\n\nThe link works once and expires in 7 days.`,
      html: `<p>${escapeHtml(input.inviterName)} invited you to join <strong>${escapeHtml(input.teamName)}</strong> on Enterprise Business OS.</p><p><a href="${escapeHtml(url)}">Accept the invitation</a></p><p>The link works once and expires in 7 days.</p>`,
    },
    tx,
  );
}

export async function listInvitations(teamId: string) {
  const rows = await getBaseDb().invitation.findMany({ where: { teamId }, select: invitationSelect, orderBy: { createdAt: "desc" }, take: 200 });
  return rows.map((row) => ({ ...row, state: invitationState(row) }));
}

/** Invites `email` to the team with `role`; the email is written to the outbox in the same transaction. */
export async function createInvitation(input: { teamId: string; email: string; role: TeamRole; invitedBy: { id: string; role: TeamRole } }) {
  if (input.role === "OWNER" && input.invitedBy.role !== "OWNER") throw new ForbiddenError("Only an owner can invite another owner.");
  const db = getBaseDb();
  const already = await db.membership.findFirst({ where: { teamId: input.teamId, user: { email: input.email } }, select: { id: true } });
  if (already) throw new ConflictError("This person is already a member of the team.", "email");
  const pending = await db.invitation.findFirst({
    where: { teamId: input.teamId, email: input.email, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    select: { id: true },
  });
  if (pending) throw new ConflictError("This email already has a pending invitation: resend it instead.", "email");
  const [team, inviter] = await Promise.all([
    db.team.findUniqueOrThrow({ where: { id: input.teamId }, select: { name: true } }),
    db.user.findUnique({ where: { id: input.invitedBy.id }, select: { name: true, email: true } }),
  ]);
  const { token, tokenHash } = newToken();
  const invitation = await db.$transaction(async (tx) => {
    const created = await tx.invitation.create({
      data: { teamId: input.teamId, email: input.email, role: input.role, tokenHash, invitedById: input.invitedBy.id, expiresAt: new Date(Date.now() + INVITATION_TTL_MS) },
      select: invitationSelect,
    });
    await sendInvitationEmail(tx, { email: input.email, token, teamName: team.name, inviterName: inviter?.name ?? inviter?.email ?? "A teammate", teamId: input.teamId });
    return created;
  });
  kickOutbox();
  return { ...invitation, state: invitationState(invitation) };
}

/** A new link (the old one stops working) with a fresh expiry, sent again. */
export async function resendInvitation(teamId: string, id: string, by: { id: string; role: TeamRole }) {
  const byUserId = by.id;
  const db = getBaseDb();
  const invitation = await db.invitation.findFirst({ where: { id, teamId }, select: { ...invitationSelect, team: { select: { name: true } } } });
  if (!invitation) throw new NotFoundError("Invitation");
  if (invitation.role === "OWNER" && by.role !== "OWNER") throw new ForbiddenError("Only an owner can invite another owner.");
  if (invitation.acceptedAt || invitation.revokedAt) throw new ConflictError("This invitation was already used or revoked.");
  const inviter = await db.user.findUnique({ where: { id: byUserId }, select: { name: true, email: true } });
  const { token, tokenHash } = newToken();
  const updated = await db.$transaction(async (tx) => {
    const row = await tx.invitation.update({ where: { id }, data: { tokenHash, expiresAt: new Date(Date.now() + INVITATION_TTL_MS) }, select: invitationSelect });
    await sendInvitationEmail(tx, { email: invitation.email, token, teamName: invitation.team.name, inviterName: inviter?.name ?? inviter?.email ?? "A teammate", teamId });
    return row;
  });
  kickOutbox();
  return { ...updated, state: invitationState(updated) };
}

export async function revokeInvitation(teamId: string, id: string) {
  const { count } = await getBaseDb().invitation.updateMany({ where: { id, teamId, acceptedAt: null, revokedAt: null }, data: { revokedAt: new Date() } });
  if (count === 0) throw new NotFoundError("A pending invitation");
  return { id };
}

/** What the invitation page shows; null for a token that does not exist. */
export async function findInvitationByToken(token: string) {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const invitation = await getBaseDb().invitation.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { id: true, email: true, role: true, expiresAt: true, acceptedAt: true, revokedAt: true, teamId: true, team: { select: { name: true } } },
  });
  return invitation ? { ...invitation, state: invitationState(invitation) } : null;
}

/**
 * Accepts an invitation for a signed-in user whose email is the invited one.
 * Single use: the invitation is closed by a conditional update in the same
 * transaction as the membership, so two clicks cannot both succeed.
 */
export async function acceptInvitation(token: string, user: { id: string; email: string }) {
  const invitation = await findInvitationByToken(token);
  if (!invitation) throw new NotFoundError("This invitation");
  if (invitation.state !== "PENDING") {
    throw new ConflictError(
      invitation.state === "EXPIRED" ? "This invitation has expired: ask for a new one." : "This invitation was already used or revoked.",
    );
  }
  if (invitation.email.toLowerCase() !== user.email.toLowerCase()) {
    throw new ValidationError(msg`This invitation is for ${invitation.email}. Sign in with that address to accept it.`, "email");
  }
  await getBaseDb().$transaction((tx) => joinByInvitation(tx, invitation, user.id));
  await announceJoin(invitation, user.id);
  return { teamId: invitation.teamId, teamName: invitation.team.name, role: invitation.role };
}

type OpenInvitation = { id: string; teamId: string; role: TeamRole; team: { name: string } };

/**
 * Closes the invitation and adds the membership, in the caller's transaction.
 * Single use: the close is a conditional update, so two acceptances cannot both pass.
 */
export async function joinByInvitation(tx: Prisma.TransactionClient, invitation: OpenInvitation, userId: string): Promise<void> {
  const closed = await tx.invitation.updateMany({
    where: { id: invitation.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    data: { acceptedAt: new Date(), acceptedById: userId },
  });
  if (closed.count === 0) throw new ConflictError("This invitation was already used or revoked.");
  const existing = await tx.membership.findUnique({ where: { teamId_userId: { teamId: invitation.teamId, userId } }, select: { id: true } });
  if (!existing) await tx.membership.create({ data: { teamId: invitation.teamId, userId, role: invitation.role } });
  await tx.user.update({ where: { id: userId }, data: { activeTeamId: invitation.teamId }, select: { id: true } });
}

/**
 * Withdraws the pending invitations someone sent, when they leave the team or
 * lose the right to invite: an invitation must not outlive its sender's authority.
 */
export async function revokeInvitationsSentBy(teamId: string, userId: string): Promise<number> {
  const { count } = await getBaseDb().invitation.updateMany({
    where: { teamId, invitedById: userId, acceptedAt: null, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  return count;
}

/** After a join: forget cached access and tell the team's owners and admins (never failing the join itself). */
export async function announceJoin(invitation: OpenInvitation, userId: string): Promise<void> {
  invalidateTeamAccess(invitation.teamId, userId);
  try {
    await notifyJoin(invitation, userId);
  } catch (error) {
    console.error(`[invitations] join announcement failed: ${describeError(error)}`);
  }
}

async function notifyJoin(invitation: OpenInvitation, userId: string): Promise<void> {
  const user = { id: userId };
  const team = await getBaseDb().team.findUnique({ where: { id: invitation.teamId }, select: { status: true } });
  // A locked team's tenant data is not written to (e.g. while it moves between tiers).
  if (team?.status !== "ACTIVE") return;
  const [admins, joiner, tenantDb] = await Promise.all([
    getBaseDb().membership.findMany({ where: { teamId: invitation.teamId, role: { in: ["OWNER", "ADMIN"] } }, select: { userId: true } }),
    getBaseDb().user.findUnique({ where: { id: user.id }, select: { name: true, email: true } }),
    getTenantDb(invitation.teamId, { actorId: user.id }),
  ]);
  await notify(
    { db: tenantDb, role: invitation.role, user: { id: user.id }, team: { id: invitation.teamId } },
    {
      type: "member.joined",
      recipients: admins.map((a) => a.userId),
      title: `${joiner?.name ?? joiner?.email ?? "Someone"} joined ${invitation.team.name}`,
      body: `They joined as ${invitation.role.toLowerCase()}.`,
      link: "/settings/team",
    },
  );
}
