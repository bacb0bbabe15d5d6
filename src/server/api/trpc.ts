import { randomUUID } from "node:crypto";
import { initTRPC } from "@trpc/server";
import superjson from "superjson";
import { can, type Permission } from "@/lib/permissions";
import { withDbContext } from "../db/context";
import { getTenantDb } from "../db/get-tenant-db";
import { getSystemDb } from "../db/system-client";
import { ConflictError, ForbiddenError, NotFoundError, RateLimitedError, TeamLockedError, UnauthorizedError } from "../errors";
import { createRequestRateLimitState, limit, noteLimitResult, type PolicyName, type RateLimitIdentity } from "../security/rate-limit";
import { recordPlatformAction } from "../services/platform/platform-audit";
import { isSuperAdmin } from "../services/platform/superadmin";
import { findDefaultTeamAccess, findTeamAccess } from "../services/team/team-access";
import { parseLocale } from "../i18n/translate";
import { formatError, toTRPCError } from "./error-formatter";
import { msg } from "@/lib/message";

/**
 * The procedure chain. Each step is named for what it guarantees:
 *   publicProcedure → authedProcedure → teamProcedure → permissionProcedure(perm)
 * and superadminProcedure beside them. Handlers receive `ctx.db`, the tenant
 * client of the active team, and never build tenant filters themselves.
 */

export type SessionUser = { id: string; activeTeamId: string | null; email?: string | null; name?: string | null };
export type AppSession = { user: SessionUser };

export type CreateContextOptions = {
  session: AppSession | null;
  /** The team the client was showing when it sent the call (x-team-id), if it said. */
  expectedTeamId?: string | null;
  /** The reader's language, for messages (x-locale). */
  locale?: string | null;
  /**
   * Set for calls that came over the public HTTP API (the tRPC endpoint): they are
   * rate limited per user, or per this client address when signed out. Server
   * component renders and tests leave it out and are not limited.
   */
  rateLimit?: { clientIp: string } | null;
};

const TEAM_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The context without HTTP: used by the HTTP handler, the RSC caller and tests.
 * The request id is always ours: it lands in audit rows, so a client cannot choose it.
 */
export function createInnerContext(opts: CreateContextOptions) {
  const expectedTeamId = opts.expectedTeamId && TEAM_ID.test(opts.expectedTeamId) ? opts.expectedTeamId : null;
  return {
    session: opts.session,
    requestId: randomUUID(),
    expectedTeamId,
    locale: parseLocale(opts.locale),
    rateLimit: opts.rateLimit ? createRequestRateLimitState(opts.rateLimit.clientIp) : null,
  };
}
export type Context = ReturnType<typeof createInnerContext>;

/**
 * Per-procedure facts the chain reads. `allowWhenSoftLocked`: the mutation is how a
 * soft-locked team fixes its payment (checkout, the billing portal), so the lock
 * must not refuse it.
 */
export type ProcedureMeta = { allowWhenSoftLocked?: boolean };

const t = initTRPC.context<Context>().meta<ProcedureMeta>().create({
  transformer: superjson,
  errorFormatter: ({ shape, error, ctx }) => formatError({ shape, error, requestId: ctx?.requestId ?? null, locale: ctx?.locale }),
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Maps typed domain errors thrown anywhere below to their tRPC code. */
const domainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const mapped = toTRPCError(result.error);
    if (mapped) throw mapped;
  }
  return result;
});

/** Counts the call under `policy` for API calls (see CreateContextOptions.rateLimit); over the limit it is refused. */
async function enforceRateLimit(ctx: Context, policy: PolicyName): Promise<void> {
  const state = ctx.rateLimit;
  if (!state) return;
  const userId = ctx.session?.user.id;
  const identity: RateLimitIdentity = userId ? { kind: "user", value: userId } : { kind: "ip", value: state.clientIp };
  const result = await limit(policy, identity);
  noteLimitResult(state, result);
  if (!result.success) throw new RateLimitedError(result.retryAfterSeconds);
}

const apiRateLimit = t.middleware(async ({ ctx, next }) => {
  await enforceRateLimit(ctx, "api");
  return next();
});

/** The stricter allowance of AI calls (they spend tokens and provider time), on top of the general one. */
export const aiRateLimit = t.middleware(async ({ ctx, next }) => {
  await enforceRateLimit(ctx, "ai");
  return next();
});

export const publicProcedure = t.procedure.use(domainErrors).use(apiRateLimit);

export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.session?.user.id) throw new UnauthorizedError();
  const user = ctx.session.user;
  // Whatever the handler writes is attributed to this user and request.
  return withDbContext({ teamId: null, crossTenant: false, actorId: user.id, requestId: ctx.requestId }, () =>
    next({ ctx: { session: ctx.session, user } }),
  );
});

export const teamProcedure = authedProcedure.use(async ({ ctx, next, type, meta }) => {
  const preferred = ctx.user.activeTeamId;
  const actor = { actorId: ctx.user.id, requestId: ctx.requestId };
  // The membership lookup runs in the (not yet verified) team's context so the
  // pooled connection is already set up for the tenant queries that follow; it
  // reads only control-plane tables, which carry no RLS.
  const access = await withDbContext({ teamId: preferred, crossTenant: false, ...actor }, async () => {
    const current = preferred ? await findTeamAccess(ctx.user.id, preferred) : null;
    if (current) return current;
    // Lost access to the active team (or none chosen yet): reads fall back to the
    // user's first team so pages still render; a write must never land in a
    // team the user did not pick.
    if (preferred && type === "mutation") {
      throw new ForbiddenError("You are no longer a member of the team you were working in. Switch teams to continue.");
    }
    return findDefaultTeamAccess(ctx.user.id);
  });
  if (!access) throw new NotFoundError("A team for your account");
  const { team, role } = access;
  if (ctx.expectedTeamId && ctx.expectedTeamId !== team.id) {
    // The page was rendered for another team (switched in another tab).
    throw new ConflictError("Your active team changed in another tab or window. Reload the page to continue.");
  }
  if (type === "mutation" && team.status !== "ACTIVE" && !(team.status === "SOFT_LOCKED" && meta?.allowWhenSoftLocked)) {
    throw new TeamLockedError(team.status, team.statusReason);
  }
  // The handler runs in the team's context: its tenant client takes the actor and
  // request id for the audit trail from here.
  return withDbContext({ teamId: team.id, crossTenant: false, ...actor }, async () => {
    const db = await getTenantDb(team.id, { placement: { tier: team.tier, region: team.region } });
    return next({ ctx: { team, role, db } });
  });
});

export function permissionProcedure(permission: Permission) {
  return teamProcedure.use(({ ctx, next }) => {
    if (!can(ctx.role, permission)) {
      throw new ForbiddenError(msg`Your role (${ctx.role.toLowerCase()}) does not allow ${permission.replace(":", " → ")}.`);
    }
    return next();
  });
}

/**
 * Operators of the platform. Re-checks the flag in the database on every call (a
 * revoked superadmin loses access at once) and records every call before it runs.
 */
export const superadminProcedure = authedProcedure.use(async ({ ctx, next, path, type }) => {
  if (!(await isSuperAdmin(ctx.user.id))) throw new ForbiddenError("This area is for platform operators.");
  await recordPlatformAction({ actorId: ctx.user.id, action: `${type}:${path}`, requestId: ctx.requestId });
  return next({ ctx: { systemDb: getSystemDb({ actorId: ctx.user.id, requestId: ctx.requestId }) } });
});

/** What a handler behind teamProcedure receives. */
export type TeamContext = {
  db: Awaited<ReturnType<typeof getTenantDb>>;
  team: NonNullable<Awaited<ReturnType<typeof findTeamAccess>>>["team"];
  role: NonNullable<Awaited<ReturnType<typeof findTeamAccess>>>["role"];
  user: SessionUser;
  requestId: string;
};
