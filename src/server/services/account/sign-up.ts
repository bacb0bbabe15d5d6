import { ConflictError } from "../../errors";
import { hashPassword } from "../../auth/password";
import { getBaseDb } from "../../db/client";
import { Prisma } from "../../db/generated/client";
import { createTeamWithOwner } from "../team/create-team";
import type { SignUpInput } from "./sign-up.schema";

export type SignUpResult = { userId: string; teamId: string };

/** The message for a taken email: it does not confirm that the account exists. */
export const SIGN_UP_REFUSED = "We could not create an account with these details. If you already have one, sign in instead.";

/**
 * Creates the user, their first team and their OWNER membership in one
 * transaction: a failure leaves no user without a team.
 */
export async function signUp(input: SignUpInput): Promise<SignUpResult> {
  const passwordHash = await hashPassword(input.password);
  const db = getBaseDb();
  try {
    return await db.$transaction(async (tx) => {
      const user = await tx.user.create({
        data: { name: input.name, email: input.email, passwordHash },
        select: { id: true },
      });
      const team = await createTeamWithOwner(tx, {
        name: input.teamName ?? `${input.name.split(" ")[0] ?? input.name}'s team`,
        ownerId: user.id,
      });
      await tx.user.update({ where: { id: user.id }, data: { activeTeamId: team.id }, select: { id: true } });
      return { userId: user.id, teamId: team.id };
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new ConflictError(SIGN_UP_REFUSED, "email");
    }
    throw error;
  }
}
