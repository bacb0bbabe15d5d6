import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { withDbContext } from "@/server/db/context";
import { getTenantDb } from "@/server/db/get-tenant-db";
import { DomainError, RateLimitedError, type DomainErrorCode } from "@/server/errors";
import { parseLocale, translateMessage, type ServerLocale } from "@/server/i18n/translate";
import { describeError } from "@/server/log";
import type { TenantRequest } from "@/server/services/tenant-request";
import { createHttpContext } from "../../http-context";
import { GENERIC_INTERNAL_MESSAGE } from "../../error-formatter";
import { createCallerFactory, createTRPCRouter, permissionProcedure } from "../../trpc";

/**
 * The document routes that are not tRPC (upload: a streamed body; download: a
 * file) get their caller checked by the same procedure chain as every tRPC call,
 * through a private router that is never mounted: session → team membership
 * (and x-team-id, and the team's lock for writes) → permission. Nothing is
 * re-implemented here, so the rules cannot drift apart.
 */
const accessRouter = createTRPCRouter({
  upload: permissionProcedure("document:create").mutation(({ ctx }) => ({ team: ctx.team, role: ctx.role, user: { id: ctx.user.id } })),
  read: permissionProcedure("document:read").query(({ ctx }) => ({ team: ctx.team, role: ctx.role, user: { id: ctx.user.id } })),
});
const createAccessCaller = createCallerFactory(accessRouter);

/** The reader's language for errors answered before (or without) a context: x-locale, else the NEXT_LOCALE cookie. */
export function requestLocale(headers: Headers): ServerLocale {
  return parseLocale(headers.get("x-locale") ?? /(?:^|;\s*)NEXT_LOCALE=(\w+)/.exec(headers.get("cookie") ?? "")?.[1]);
}

export type DocumentHttpRequest = TenantRequest & { requestId: string; locale: ServerLocale };

/**
 * Resolves the caller of an HTTP request and runs `fn` in the team's database
 * context (the actor and request id reach the audit trail, as in tRPC handlers).
 */
export async function withDocumentAccess<T>(
  request: Request,
  access: "upload" | "read",
  fn: (request: DocumentHttpRequest) => Promise<T>,
): Promise<T> {
  // Uploads and downloads count against the same per-user limits as the tRPC API.
  const ctx = await createHttpContext(request.headers, { rateLimited: true });
  const caller = createAccessCaller(ctx);
  const { team, role, user } = access === "upload" ? await caller.upload() : await caller.read();
  return withDbContext({ teamId: team.id, crossTenant: false, actorId: user.id, requestId: ctx.requestId }, async () => {
    const db = await getTenantDb(team.id, { placement: { tier: team.tier, region: team.region } });
    return fn({ db, role, user, team: { id: team.id }, requestId: ctx.requestId, locale: ctx.locale });
  });
}

const STATUS: Record<DomainErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  TEAM_LOCKED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNPROCESSABLE: 422,
  QUOTA_EXCEEDED: 429,
  RATE_LIMITED: 429,
  AI_UNAVAILABLE: 503,
  BILLING_UNAVAILABLE: 503,
  INTERNAL: 500,
};

/** The JSON error answer of a document route: a status, a message in the reader's language, and the field. */
export function documentErrorResponse(error: unknown, locale: ServerLocale, requestId: string | null = null): Response {
  const cause = error instanceof TRPCError && error.cause instanceof DomainError ? error.cause : error;
  let status: number;
  let message: string;
  let code: string;
  let field: string | null = null;
  if (cause instanceof DomainError && cause.code !== "INTERNAL") {
    const explicit = (cause as { httpStatus?: unknown }).httpStatus;
    status = typeof explicit === "number" ? explicit : STATUS[cause.code];
    message = translateMessage(locale, cause.template.template, cause.template.values);
    code = cause.code;
    field = cause.field ?? null;
  } else if (error instanceof TRPCError && error.code !== "INTERNAL_SERVER_ERROR") {
    status = getHTTPStatusCodeFromError(error);
    message = translateMessage(locale, error.message);
    code = error.code;
  } else {
    console.error(`[documents] request ${requestId ?? "?"} failed: ${describeError(error)}`);
    status = 500;
    message = translateMessage(locale, GENERIC_INTERNAL_MESSAGE);
    code = "INTERNAL";
  }
  const headers: Record<string, string> = { "cache-control": "no-store" };
  if (cause instanceof RateLimitedError) headers["retry-after"] = String(cause.retryAfterSeconds);
  return Response.json({ error: { message, code, field, requestId } }, { status, headers });
}
