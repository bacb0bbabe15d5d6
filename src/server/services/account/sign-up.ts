import { ConflictError } from "../../errors";
import { hashPassword } from "../../auth/password";
import { getBaseDb } from "../../db/client";
import { getBruteForceGuard, SignUpThrottledError } from "../../security/brute-force";
import { Prisma } from "../../db/generated/client";
import { createTeamWithOwner, newTeamRegion } from "../team/create-team";
import { announceJoin, findInvitationByToken, joinByInvitation } from "../team/invitations";
import type { SignUpInput } from "./sign-up.schema";

export type SignUpResult = { userId: string; teamId: string };

/** The message for a taken email: it does not confirm that the account exists. */
export const SIGN_UP_REFUSED = "We could not create an account with these details. If you already have one, sign in instead.";

/**
 * Creates the user and, in the same transaction, either joins the team they were
 * invited to (a valid invitation for this email) or creates their first team
 * with them as OWNER, in the data region they chose (the installation's default
 * when none): a failure leaves no user without a team. With `clientIp`, sign-ups
 * from one address are limited (SignUpThrottledError).
 */
export async function signUp(input: SignUpInput, options: { invitationToken?: string; clientIp?: string } = {}): Promise<SignUpResult> {
  // Counted before any lookup or hashing, so a flood of sign-ups from one address costs little and learns nothing.
  if (options.clientIp !== undefined) {
    const gate = await getBruteForceGuard().hitSignUp(options.clientIp);
    if (!gate.allowed) throw new SignUpThrottledError(gate.retryAfterSeconds);
  }
  const db = getBaseDb();
  const invitation = options.invitationToken ? await findInvitationByToken(options.invitationToken) : null;
  const joinable = invitation?.state === "PENDING" && invitation.email.toLowerCase() === input.email ? invitation : null;
  // A region this installation does not offer is refused before anything is written.
  const region = joinable ? undefined : newTeamRegion(input.region);
  const passwordHash = await hashPassword(input.password);
  try {
    const result = await db.$transaction(async (tx) => {
      const user = await tx.user.create({
        data: { name: input.name, email: input.email, passwordHash },
        select: { id: true },
      });
      if (joinable) {
        await joinByInvitation(tx, joinable, user.id);
        return { userId: user.id, teamId: joinable.teamId };
      }
      const team = await createTeamWithOwner(tx, {
        name: input.teamName ?? `${input.name.split(" ")[0] ?? input.name}'s team`,
        ownerId: user.id,
        region,
      });
      await tx.user.update({ where: { id: user.id }, data: { activeTeamId: team.id }, select: { id: true } });
      return { userId: user.id, teamId: team.id };
    });
    if (joinable) await announceJoin(joinable, result.userId);
    return result;
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new ConflictError(SIGN_UP_REFUSED, "email");
    }
    throw error;
  }
}
