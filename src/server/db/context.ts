import { AsyncLocalStorage } from "node:async_hooks";

/**
 * What the database session must know about the code that is running a query.
 * It becomes PostgreSQL settings (app.team_id, ...) read by row-level-security
 * policies and by the audit trigger, so it travels with the async call chain
 * rather than being passed by hand.
 */
export type DbContext = {
  /** The tenant whose rows may be seen; null = none (RLS returns no tenant rows). */
  teamId: string | null;
  /** Only the superadmin's system client sets this: it then runs as the platform role, which RLS lets see every tenant. */
  crossTenant: boolean;
  actorId: string | null;
  requestId: string | null;
};

export const NO_TENANT: DbContext = Object.freeze({
  teamId: null,
  crossTenant: false,
  actorId: null,
  requestId: null,
});

// One instance per process, not per module instance: Next bundles server code into
// several layers (route handlers, React Server Components), each with its own copy
// of this module, while the pool that reads the context is shared process-wide.
// Two instances would let a query run without the context that was set for it.
const globals = globalThis as typeof globalThis & { __ebosDbContext?: AsyncLocalStorage<DbContext> };
const storage = (globals.__ebosDbContext ??= new AsyncLocalStorage<DbContext>());

export function currentDbContext(): DbContext {
  return storage.getStore() ?? NO_TENANT;
}

export function hasDbContext(): boolean {
  return storage.getStore() !== undefined;
}

/**
 * Runs `fn` with `context`. The callback is awaited inside the context on purpose:
 * Prisma queries are lazy, and a query first awaited outside `run` would execute
 * without the context (see shared/notes/perf-facts.md, "tenant-leak trap").
 */
export function withDbContext<T>(context: DbContext, fn: () => PromiseLike<T> | T): Promise<T> {
  return storage.run(context, async () => await fn());
}
