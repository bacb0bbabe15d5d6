import { PrismaAdapter } from "@auth/prisma-adapter";
import type { NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import GitHub from "next-auth/providers/github";
import Google from "next-auth/providers/google";
import { getBaseDb } from "../db/client";
import { oauthProviders, serverEnv } from "../env";
import { ZSignInInput } from "../services/account/sign-up.schema";
import { createTeamWithOwner } from "../services/team/create-team";
import { findDefaultTeamAccess } from "../services/team/team-access";
import { describeError } from "../log";
import { getBruteForceGuard } from "../security/brute-force";
import { clientIpFrom, UNKNOWN_CLIENT } from "../security/rate-limit/identity";
import { notifySignInLockout } from "../services/account/sign-in-lockout";
import { burnPasswordCheck, verifyPassword } from "./password";
import { SignInThrottledError } from "./sign-in-throttled";

declare module "next-auth" {
  interface Session {
    user: {
      id: string;
      activeTeamId: string | null;
      name?: string | null;
      email?: string | null;
      image?: string | null;
    };
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    activeTeamId?: string | null;
  }
}

/**
 * Checks an email + password; null for any failure, so callers cannot tell which
 * part was wrong. Failures are counted per account and per client address
 * (security/brute-force): while either is locked the attempt is refused with
 * SignInThrottledError before the account is even looked up, the password is
 * never compared with the real hash, and the same bcrypt work is spent as for a
 * real check, so a locked real account and an unknown email look alike.
 */
export async function authorizeCredentials(raw: unknown, request?: Request) {
  const parsed = ZSignInInput.safeParse(raw);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const ip = request ? clientIpFrom(request.headers) : UNKNOWN_CLIENT;
  const guard = getBruteForceGuard();
  // A locked account or address is refused before anything else: that path never
  // looks the user up, so it is the same for real and unknown emails, and it
  // spends no password-hash work an attacker could use to load the server.
  const gate = await guard.checkSignIn({ email, ip });
  if (!gate.allowed) throw new SignInThrottledError(gate.retryAfterSeconds);
  const reserved = await guard.reserveAttempt(email);
  if (!reserved.allowed) throw new SignInThrottledError(reserved.retryAfterSeconds);
  const user = await getBaseDb().user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, passwordHash: true },
  });
  let valid = false;
  if (user?.passwordHash) valid = await verifyPassword(password, user.passwordHash);
  else await burnPasswordCheck(password);
  if (!user || !valid) {
    await guard.recordAddressFailure(ip);
    // Not awaited: the attempt that locks a real account must take as long as one that locks an unknown email.
    if (reserved.accountLocked && user) {
      void notifySignInLockout({ userId: user.id, failures: reserved.accountFailures, lockoutMs: reserved.accountLockoutMs, ip, at: new Date() });
    }
    return null;
  }
  await guard.recordSuccess(email);
  return { id: user.id, email: user.email, name: user.name };
}

async function activeTeamOf(userId: string): Promise<string | null> {
  const user = await getBaseDb().user.findUnique({ where: { id: userId }, select: { activeTeamId: true } });
  if (user?.activeTeamId) return user.activeTeamId;
  return (await findDefaultTeamAccess(userId))?.team.id ?? null;
}

export function authConfig(): NextAuthConfig {
  const env = serverEnv();
  const oauth = oauthProviders(env);
  const db = getBaseDb();
  // Emails are stored in lower case everywhere (sign-up does it too), so an OAuth
  // account matches invitations and memberships whatever case the provider used.
  const adapter = PrismaAdapter(db);
  const createUser = adapter.createUser?.bind(adapter);
  if (createUser) adapter.createUser = (user) => createUser({ ...user, email: user.email.toLowerCase() });
  return {
    adapter,
    // Credentials sign-in requires JWT sessions; the session holds ids only.
    session: { strategy: "jwt", maxAge: 7 * 24 * 60 * 60 },
    trustHost: true,
    pages: { signIn: "/sign-in" },
    logger: {
      // Auth.js errors can carry request details; log their kind, not their payload.
      error: (error) => {
        const type = (error as { type?: unknown }).type;
        // A wrong password is routine, not an error; which account is not logged.
        if (type === "CredentialsSignin") console.info("[auth] credentials sign-in refused");
        else console.error(`[auth] ${typeof type === "string" ? type : describeError(error)}`);
      },
      warn: (code) => console.warn(`[auth] warning ${code}`),
      debug: () => undefined,
    },
    providers: [
      Credentials({
        credentials: { email: { type: "email" }, password: { type: "password" } },
        authorize: (credentials, request) => authorizeCredentials(credentials, request),
      }),
      ...(oauth.google ? [Google({ clientId: env.AUTH_GOOGLE_ID, clientSecret: env.AUTH_GOOGLE_SECRET })] : []),
      ...(oauth.github ? [GitHub({ clientId: env.AUTH_GITHUB_ID, clientSecret: env.AUTH_GITHUB_SECRET })] : []),
    ],
    events: {
      // An OAuth sign-up creates the user through the adapter: give them a team too.
      async createUser({ user }) {
        if (!user.id) return;
        const userId = user.id;
        await db.$transaction(async (tx) => {
          const team = await createTeamWithOwner(tx, { name: `${user.name?.split(" ")[0] ?? "My"}'s team`, ownerId: userId });
          await tx.user.update({ where: { id: userId }, data: { activeTeamId: team.id }, select: { id: true } });
        });
      },
    },
    callbacks: {
      async jwt({ token, user, trigger }) {
        if (user?.id) {
          token.sub = user.id;
          token.activeTeamId = await activeTeamOf(user.id);
        } else if (trigger === "update" && token.sub) {
          // Never trust the client's payload: re-read what the server recorded.
          token.activeTeamId = await activeTeamOf(token.sub);
        }
        return token;
      },
      session({ session, token }) {
        if (token.sub) session.user.id = token.sub;
        session.user.activeTeamId = token.activeTeamId ?? null;
        return session;
      },
    },
  };
}
