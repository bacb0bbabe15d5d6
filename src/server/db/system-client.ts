import { withDbContext, type DbContext } from "./context";
import { getBaseDb } from "./client";
import { pinTransactionsToContext } from "./pin-transactions";
import { Prisma } from "./generated/client";

/**
 * The only client that crosses tenants: it runs as the platform role (eb_platform), which
 * the RLS policies honour. Reached only through superadminProcedure (which records
 * every call) and platform jobs.
 */
export function getSystemDb(actor: { actorId: string | null; requestId: string | null }) {
  const context: DbContext = { teamId: null, crossTenant: true, ...actor };
  const extended = getBaseDb().$extends(
    Prisma.defineExtension({
      name: "system-cross-tenant",
      query: {
        $allOperations({ args, query }) {
          return withDbContext(context, () => query(args));
        },
      },
    }),
  );
  return pinTransactionsToContext(extended, () => context);
}

export type SystemDb = ReturnType<typeof getSystemDb>;
