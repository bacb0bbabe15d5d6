import { PrismaPg } from "@prisma/adapter-pg";
import { serverEnv } from "../env";
import { describeError } from "../log";
import { ContextPool } from "./context-pool";
import { PrismaClient } from "./generated/client";
import { closeSchemaClients } from "./tenancy/schema-clients";

/**
 * The process-wide pool and Prisma client. One pool serves the control plane and
 * every SHARED-tier tenant: the tenant context travels per connection (see
 * context-pool.ts), so tenants do not need clients of their own.
 */
type DbGlobals = { pool?: ContextPool; prisma?: PrismaClient };
const globals = globalThis as typeof globalThis & { __ebosDb?: DbGlobals };
const state: DbGlobals = (globals.__ebosDb ??= {});

export function createPool(
  url: string,
  options: { max: number; appRole: string | undefined; platformRole?: string | undefined },
): ContextPool {
  const pool = new ContextPool({
    connectionString: url,
    max: options.max,
    appRole: options.appRole,
    platformRole: options.platformRole ?? "eb_platform",
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: 10_000,
  });
  // An idle connection that dies (server restart) must not crash the process.
  pool.on("error", (error) => console.error(`[db] idle connection error: ${describeError(error)}`));
  return pool;
}

export function createPrismaClient(pool: ContextPool): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg(pool) });
}

export function getPool(): ContextPool {
  if (!state.pool) {
    const env = serverEnv();
    state.pool = createPool(env.DATABASE_URL, {
      max: env.DATABASE_POOL_MAX,
      appRole: env.DATABASE_APP_ROLE || undefined,
      platformRole: env.DATABASE_PLATFORM_ROLE,
    });
  }
  return state.pool;
}

/**
 * The base client. Outside server/db it is only used for control-plane models
 * (users, teams, memberships); tenant models go through getTenantDb(), and with
 * no tenant context RLS returns none of their rows.
 */
export function getBaseDb(): PrismaClient {
  state.prisma ??= createPrismaClient(getPool());
  return state.prisma;
}

export async function closeDb(): Promise<void> {
  const { prisma, pool } = state;
  state.prisma = undefined;
  state.pool = undefined;
  await prisma?.$disconnect();
  await pool?.end();
  await closeSchemaClients();
}
