import { appUrl } from "../../app-url";
import { getBaseDb } from "../../db/client";
import { getTenantDb } from "../../db/get-tenant-db";
import { describeError } from "../../log";
import { enqueueEmail, escapeHtml, kickOutbox } from "../mail/outbox";
import { findDefaultTeamAccess } from "../team/team-access";

/** The in-app notification's type; not in NOTIFICATION_TYPES on purpose: a security notice cannot be turned off. */
export const SIGN_IN_LOCKOUT_TYPE = "security.sign-in-locked";
export const SIGN_IN_LOCKOUT_EMAIL_KIND = "security.sign-in-locked";

export type SignInLockout = { userId: string; failures: number; lockoutMs: number; ip: string; at: Date };

function minutesOf(ms: number): number {
  return Math.max(1, Math.ceil(ms / 60_000));
}

/** The notice, in English like the app's other system mail. */
export function lockoutNotice(lockout: Omit<SignInLockout, "userId">) {
  const minutes = minutesOf(lockout.lockoutMs);
  const when = `${lockout.at.toISOString().replace("T", " ").slice(0, 16)} UTC`;
  const title = "Sign-in to your account was paused";
  const body =
    `Someone tried to sign in to your account ${lockout.failures} times with a wrong password ` +
    `(last attempt ${when}, from address ${lockout.ip}). Password sign-in is paused for ${minutes} minutes.`;
  const advice =
    "If this was you, wait and try again. If it was not, someone may be guessing your password: " +
    "make sure it is long and used nowhere else, and tell your team's owner.";
  return { title, body, advice };
}

/**
 * Tells an account's owner that password sign-in was locked: a notification in
 * their current team (when they have one) and an email, which their
 * notification preferences cannot turn off. Called once per lockout (the guard
 * reports only the failure that started it), only for accounts that exist.
 * A side effect: failures are logged, never thrown at the sign-in.
 */
export async function notifySignInLockout(lockout: SignInLockout): Promise<void> {
  try {
    const user = await getBaseDb().user.findUnique({ where: { id: lockout.userId }, select: { email: true, activeTeamId: true } });
    if (!user) return;
    const { title, body, advice } = lockoutNotice(lockout);
    const teamId = user.activeTeamId ?? (await findDefaultTeamAccess(lockout.userId))?.team.id ?? null;
    if (teamId) {
      const db = await getTenantDb(teamId, { actorId: null, requestId: null });
      await db.notification.create({ data: { userId: lockout.userId, type: SIGN_IN_LOCKOUT_TYPE, title, body: `${body} ${advice}` }, select: { id: true } });
    }
    const signIn = appUrl("/sign-in");
    await enqueueEmail({
      to: user.email,
      kind: SIGN_IN_LOCKOUT_EMAIL_KIND,
      teamId,
      subject: title,
      text: `${body}\n\n${advice}\n\n${signIn}`,
      html: `<p>${escapeHtml(body)}</p><p>${escapeHtml(advice)}</p><p><a href="${escapeHtml(signIn)}">Sign in</a></p>`,
    });
    kickOutbox();
  } catch (error) {
    console.error(`[auth] sign-in lockout notice failed: ${describeError(error)}`);
  }
}
