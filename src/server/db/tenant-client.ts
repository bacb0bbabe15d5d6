import { TenantViolationError } from "../errors";
import { currentDbContext, hasDbContext, withDbContext, type DbContext } from "./context";
import { Prisma, type PrismaClient } from "./generated/client";
import { pinTransactionsToContext } from "./pin-transactions";
import { isTenantModel, READ_ONLY_TENANT_MODELS, TENANT_RELATIONS } from "./tenant-models";
import { READ_OPERATIONS, scopeArgs, uniqueToFirstArgs } from "./tenant-scope";

/**
 * Extends a base client so that it can only reach one team's rows:
 * - every operation on a tenant model is rewritten by scopeArgs (team id in every
 *   filter and every write, nested writes included);
 * - every operation runs inside the team's DbContext, so the connection it uses
 *   carries app.team_id for the RLS policies (the second wall) and the actor and
 *   request id for the audit trigger;
 * - raw queries and control-plane models are refused.
 *
 * The team is fixed when the client is made and never read from the async
 * context. The actor and request id are either fixed too (`audit`) or taken from
 * the caller's DbContext at each operation, which lets one client per team be
 * reused across requests.
 */
export type AuditIdentity = { actorId: string | null; requestId: string | null };

type UniqueAsFirst = {
  findFirst(args: unknown): Promise<unknown>;
  findFirstOrThrow(args: unknown): Promise<unknown>;
};

function contextFor(teamId: string, audit: AuditIdentity | undefined): DbContext {
  const identity = audit ?? currentDbContext();
  return { teamId, crossTenant: false, actorId: identity.actorId, requestId: identity.requestId };
}

/** True when the caller already runs in exactly the context this client needs (the usual case inside a request). */
function alreadyInContext(teamId: string, audit: AuditIdentity | undefined): boolean {
  if (!hasDbContext()) return false;
  const current = currentDbContext();
  return (
    current.teamId === teamId &&
    !current.crossTenant &&
    (audit === undefined || (current.actorId === audit.actorId && current.requestId === audit.requestId))
  );
}

function tenantExtension(teamId: string, audit: AuditIdentity | undefined) {
  return Prisma.defineExtension({
    name: "tenant-scope",
    model: {
      $allModels: {
        // Prisma batches the findUnique calls of one tick and runs the batch in the
        // async context of whichever call came first, so two tenants' lookups could
        // run under one tenant's RLS setting. findFirst is never batched.
        findUnique<T, A>(
          this: T,
          args: Prisma.Exact<A, Prisma.Args<T, "findUnique">>,
        ): Promise<Prisma.Result<T, A, "findUnique">> {
          const delegate = Prisma.getExtensionContext(this) as unknown as UniqueAsFirst;
          return delegate.findFirst(uniqueToFirstArgs(args)) as Promise<Prisma.Result<T, A, "findUnique">>;
        },
        findUniqueOrThrow<T, A>(
          this: T,
          args: Prisma.Exact<A, Prisma.Args<T, "findUniqueOrThrow">>,
        ): Promise<Prisma.Result<T, A, "findUniqueOrThrow">> {
          const delegate = Prisma.getExtensionContext(this) as unknown as UniqueAsFirst;
          return delegate.findFirstOrThrow(uniqueToFirstArgs(args)) as Promise<Prisma.Result<T, A, "findUniqueOrThrow">>;
        },
      },
    },
    query: {
      $allOperations({ model, operation, args, query }) {
        if (model === undefined) {
          throw new TenantViolationError(`${operation} is not available on the tenant client: raw SQL belongs in src/server/db.`);
        }
        if (!isTenantModel(model)) {
          throw new TenantViolationError(`${model} is a control-plane model: use its service, not the tenant client.`);
        }
        if (READ_ONLY_TENANT_MODELS.has(model) && !READ_OPERATIONS.has(operation)) {
          throw new TenantViolationError(`${model} is written by the database only.`);
        }
        const scoped = scopeArgs(model, operation, args, teamId, TENANT_RELATIONS);
        if (alreadyInContext(teamId, audit)) return query(scoped as typeof args);
        return withDbContext(contextFor(teamId, audit), () => query(scoped as typeof args));
      },
    },
  });
}

export function createTenantClient(base: PrismaClient, teamId: string, audit?: AuditIdentity) {
  if (typeof teamId !== "string" || teamId.length === 0) {
    throw new TenantViolationError("A tenant client needs a team id.");
  }
  const extended = base.$extends(tenantExtension(teamId, audit));
  return pinTransactionsToContext(extended, () => contextFor(teamId, audit));
}

export type TenantClient = ReturnType<typeof createTenantClient>;
