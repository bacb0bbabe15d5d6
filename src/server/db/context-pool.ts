import pg from "pg";
import { currentDbContext, type DbContext } from "./context";

/**
 * A pg.Pool whose connections always carry the role and PostgreSQL settings of
 * the current DbContext: the tenant role (bound by RLS) or, for the superadmin's
 * cross-tenant client, the platform role; the tenant for RLS; the actor and
 * request for the audit trigger.
 *
 * Why a pool and not a per-query `SET`: setting the context with its own round
 * trip on every query doubles the latency of a read (shared/notes/perf-facts.md).
 * Instead each connection remembers what it was last set to, and a round trip is
 * only paid when a checkout needs a different tenant. Settings are session-level
 * (set_config(..., false)) and always applied outside a transaction, so a
 * rollback cannot undo them behind the cache's back.
 */

type ConnectionState = {
  /** The role set with SET ROLE; null = the login role. */
  role: string | null;
  teamId: string | null;
  actorId: string | null;
  requestId: string | null;
};

export type ContextPoolConfig = pg.PoolConfig & {
  /** Role for tenant-scoped work (bound by RLS); unset = the login role, which must then be bound by RLS. */
  appRole?: string;
  /** Role for the superadmin's cross-tenant work (its own RLS policy shows every tenant). */
  platformRole?: string;
};

const ROLE_NAME = /^[a-z_][a-z0-9_]*$/;

// Only a plain SELECT can skip refreshing the actor and request id: anything else
// (INSERT, UPDATE, DELETE, WITH …, CALL, a leading comment) may fire the audit trigger.
const READ_SQL = /^SELECT\s/i;

export class BypassingRoleError extends Error {
  constructor() {
    super(
      "The database role the app runs as bypasses row-level security (superuser or BYPASSRLS). Set DATABASE_APP_ROLE to a role without these rights (the migrations create eb_app).",
    );
    this.name = "BypassingRoleError";
  }
}

export class ContextPool extends pg.Pool {
  private readonly appRole: string | null;
  private readonly platformRole: string | null;
  private readonly states = new WeakMap<pg.PoolClient, ConnectionState>();

  constructor(config: ContextPoolConfig) {
    const { appRole, platformRole, ...poolConfig } = config;
    super(poolConfig);
    for (const role of [appRole, platformRole]) {
      if (role !== undefined && !ROLE_NAME.test(role)) throw new Error(`Invalid role name: ${role}`);
    }
    this.appRole = appRole ?? null;
    this.platformRole = platformRole ?? null;
    this.query = this.contextQuery.bind(this) as unknown as pg.Pool["query"];
  }

  // pg.Pool#connect also has a callback form; Prisma's adapter and our code only
  // use the promise form, which is the one that carries the context.
  override connect(): Promise<pg.PoolClient>;
  override connect(
    callback: (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void,
  ): void;
  override connect(
    callback?: (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void,
  ): Promise<pg.PoolClient> | void {
    if (callback) {
      this.checkout(currentDbContext(), true).then(
        (client) => callback(undefined, client, (release) => client.release(release as Error | boolean | undefined)),
        (error: Error) => callback(error, undefined, () => undefined),
      );
      return;
    }
    // A checkout through connect() is how transactions start: the audit trigger
    // may fire inside, so the actor and request id must be current too.
    return this.checkout(currentDbContext(), true);
  }

  /**
   * Pool#query with the context applied to the connection it runs on. Assigned in
   * the constructor because pg's overloads of query() cannot be re-declared.
   * Callback-style on purpose: this is the hot path of every query, and it adds
   * no promise hops when the connection already carries the right context.
   */
  private contextQuery(text: string | pg.QueryConfig, values?: unknown[]): Promise<pg.QueryResult> {
    const config: pg.QueryConfig = typeof text === "string" ? { text, values } : text;
    const context = currentDbContext();
    const needsAudit = !READ_SQL.test(config.text);
    return new Promise((resolve, reject) => {
      pg.Pool.prototype.connect.call(this, (connectError, client, release) => {
        if (connectError || !client) {
          reject(connectError ?? new Error("No connection"));
          return;
        }
        const run = () =>
          client.query(config).then(
            (result) => {
              release();
              resolve(result);
            },
            (error: unknown) => {
              // Like pg's own Pool#query: a connection that failed a query is not reused.
              release(error instanceof Error ? error : true);
              reject(error);
            },
          );
        const pending = this.applyContext(client, context, needsAudit);
        if (pending === null) {
          void run();
          return;
        }
        pending.then(run, (error: unknown) => {
          // A connection whose settings are unknown must not go back to the pool.
          release(error instanceof Error ? error : true);
          reject(error);
        });
      });
    });
  }

  private async checkout(context: DbContext, needsAudit: boolean): Promise<pg.PoolClient> {
    const client = await super.connect();
    try {
      await this.applyContext(client, context, needsAudit);
      return client;
    } catch (error) {
      // A connection whose settings are unknown must not go back to the pool.
      client.release(error instanceof Error ? error : true);
      throw error;
    }
  }

  /** Brings the connection's role and settings to `context`; null when they already are (no round trip). */
  private applyContext(client: pg.PoolClient, context: DbContext, needsAudit: boolean): Promise<void> | null {
    if (context.crossTenant && !this.platformRole) {
      return Promise.reject(new Error("Cross-tenant access needs a platform role (DATABASE_PLATFORM_ROLE)."));
    }
    const role = context.crossTenant ? this.platformRole : this.appRole;
    const state = this.states.get(client);
    const sameRole = state !== undefined && state.role === role;
    const sameTenant = sameRole && state.teamId === context.teamId;
    const sameAudit = state !== undefined && state.actorId === context.actorId && state.requestId === context.requestId;
    if (sameTenant && (sameAudit || !needsAudit)) return null;

    const lit = (value: string | null) => client.escapeLiteral(value ?? "");
    const statements: string[] = [];
    if (!sameRole) statements.push(role ? `SET ROLE ${role}` : "RESET ROLE");
    const actorId = needsAudit ? context.actorId : (state?.actorId ?? null);
    const requestId = needsAudit ? context.requestId : (state?.requestId ?? null);
    statements.push(
      `SELECT set_config('app.team_id', ${lit(context.teamId)}, false), ` +
        `set_config('app.actor_id', ${lit(actorId)}, false), ` +
        `set_config('app.request_id', ${lit(requestId)}, false)`,
    );
    // Whenever a connection takes the tenant role, prove that role is bound by RLS:
    // with a superuser or BYPASSRLS role the policies would silently not apply.
    const checkRole = !sameRole && !context.crossTenant;
    if (checkRole) statements.push(`SELECT (rolsuper OR rolbypassrls) AS bypasses_rls FROM pg_roles WHERE rolname = current_user`);
    // One simple-protocol round trip for the role, the settings and the check.
    return (client.query(statements.join("; ")) as unknown as Promise<pg.QueryResult | pg.QueryResult[]>).then((results) => {
      if (checkRole) {
        const check = Array.isArray(results) ? results.at(-1) : results;
        if (check?.rows[0]?.bypasses_rls !== false) throw new BypassingRoleError();
      }
      this.states.set(client, { role, teamId: context.teamId, actorId, requestId });
    });
  }
}
