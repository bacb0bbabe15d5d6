import { PrismaPg } from "@prisma/adapter-pg";
import { z } from "zod";
import { serverEnv } from "../../env";
import { DomainError } from "../../errors";
import { describeError } from "../../log";
import { ContextPool } from "../context-pool";
import { withDbContext, NO_TENANT } from "../context";
import { PrismaClient } from "../generated/client";
import { createTenantClient, type TenantClient } from "../tenant-client";
import { locationKey, tenantLocation, type Placement, type TenantLocation } from "./locations";
import { databaseUrlForRegion } from "./regions";
import { quoteIdent } from "./schema-name";

/**
 * Prisma clients for every tenant location other than the primary database's
 * public tables (locations.ts): SCHEMA-tier schemas, ISOLATED-tier databases and
 * the public tables of a region's own server. Each needs a client of its own
 * (Prisma qualifies every table with the adapter's `schema`, and a pool reaches
 * one database), and each client needs a pool; so that 200 tenants cannot
 * exhaust PostgreSQL's connections:
 * - at most `maxClients` schemas have a live client (least recently used first out);
 * - each schema's pool holds at most `poolMax` connections, closed when idle;
 * - a client unused for `clientIdleMs` is retired as well.
 * A retired client is closed after `retireGraceMs`, so a request that got it just
 * before can still finish its queries.
 *
 * The pools are ContextPools: the tenant role, app.team_id, actor and request id
 * travel on each connection exactly as for the SHARED tier, so the tenant
 * schema's RLS policies and audit trigger apply.
 */
export type SchemaClientOptions = {
  maxClients: number;
  poolMax: number;
  /**
   * Pool size of a region's shared tables (SHARED teams of a region with a server
   * of its own): every such team of the region shares it, so it is sized like
   * the primary pool and not counted against (nor evicted by) maxClients.
   */
  sharedPoolMax: number;
  /** A pooled connection idle this long is closed. */
  connectionIdleMs: number;
  /** A client not asked for this long is retired. */
  clientIdleMs: number;
  retireGraceMs: number;
  urlForRegion: (region: string) => string;
  appRole: string | undefined;
  platformRole: string;
};

type Entry = {
  key: string;
  location: TenantLocation;
  pool: ContextPool;
  prisma: PrismaClient;
  /** Tenant clients without a fixed identity (actor and request come from the DbContext), per team: a region's shared tables serve many. */
  tenants: Map<string, TenantClient>;
  lastUsed: number;
};

/** Tenant clients kept per shared location; more teams than this get a fresh one (cheap) on each call. */
const MAX_TENANTS_PER_ENTRY = 500;

export type AcquiredTenantClient = { prisma: PrismaClient; tenant: TenantClient; schema: string; pool: ContextPool; location: TenantLocation };

export type SchemaClientStats = { clients: number; retiring: number; connections: number };

export class SchemaClientCache {
  private readonly entries = new Map<string, Entry>();
  private readonly pending = new Map<string, Promise<Entry>>();
  private readonly retiring = new Set<Entry>();

  constructor(private readonly options: SchemaClientOptions) {
    if (options.maxClients < 1 || options.poolMax < 1) throw new Error("Schema client bounds must be at least 1.");
  }

  /** The base client of the team's location, its pool, and the team's tenant client (cached). */
  async acquire(teamId: string, placement: Placement): Promise<AcquiredTenantClient> {
    const location = tenantLocation(teamId, placement, this.options.urlForRegion);
    const entry = await this.entryFor(location);
    let tenant = entry.tenants.get(teamId);
    if (!tenant) {
      tenant = createTenantClient(entry.prisma, teamId);
      if (entry.tenants.size < MAX_TENANTS_PER_ENTRY) entry.tenants.set(teamId, tenant);
    }
    return { prisma: entry.prisma, tenant, schema: location.schema, pool: entry.pool, location };
  }

  private async entryFor(location: TenantLocation): Promise<Entry> {
    const key = locationKey(location);
    const now = Date.now();
    this.retireIdle(now);
    const cached = this.entries.get(key);
    if (cached) {
      // Re-inserting keeps the Map in least-recently-used order.
      this.entries.delete(key);
      this.entries.set(key, cached);
      cached.lastUsed = now;
      return cached;
    }
    let creating = this.pending.get(key);
    if (!creating) {
      creating = this.create(key, location).finally(() => this.pending.delete(key));
      this.pending.set(key, creating);
    }
    return creating;
  }

  stats(): SchemaClientStats {
    let connections = 0;
    for (const entry of [...this.entries.values(), ...this.retiring]) connections += entry.pool.totalCount;
    return { clients: this.entries.size, retiring: this.retiring.size, connections };
  }

  /** Drops the client of the team's location now (after deprovisioning or a tier switch); a shared location only forgets the team. */
  async forget(teamId: string, placement: Placement): Promise<void> {
    const location = tenantLocation(teamId, placement, this.options.urlForRegion);
    const key = locationKey(location);
    const entry = this.entries.get(key);
    if (!entry) return;
    if (location.shared) {
      entry.tenants.delete(teamId);
      return;
    }
    this.entries.delete(key);
    await close(entry);
  }

  async closeAll(): Promise<void> {
    const all = [...this.entries.values(), ...this.retiring];
    this.entries.clear();
    this.retiring.clear();
    await Promise.all(all.map(close));
  }

  private async create(key: string, location: TenantLocation): Promise<Entry> {
    const label = location.database ?? location.schema;
    const pool = new ContextPool({
      connectionString: location.url,
      max: location.shared ? this.options.sharedPoolMax : this.options.poolMax,
      appRole: this.options.appRole,
      platformRole: this.options.platformRole,
      idleTimeoutMillis: this.options.connectionIdleMs,
      connectionTimeoutMillis: 10_000,
      application_name: `ebos-tenant:${label}`.slice(0, 63),
    });
    pool.on("error", (error) => console.error(`[db] idle connection error (${label}): ${describeError(error)}`));
    try {
      // A team whose schema or database is missing (or not migrated) would fail on
      // every query with "relation does not exist": say so once, clearly, as a 4xx.
      const found = await withDbContext(NO_TENANT, () =>
        pool.query<{ found: string | null }>("SELECT to_regclass($1)::text AS found", [`${quoteIdent(location.schema)}."Project"`]),
      );
      if (!found.rows[0]?.found) throw notReady();
    } catch (error) {
      await pool.end().catch(() => undefined);
      // 3D000: the database does not exist (an ISOLATED team's, not provisioned yet).
      if (error instanceof Error && "code" in error && error.code === "3D000") throw notReady();
      throw error;
    }
    const prisma = new PrismaClient({ adapter: new PrismaPg(pool, { schema: location.schema }) });
    const entry: Entry = { key, location, pool, prisma, tenants: new Map(), lastUsed: Date.now() };
    this.entries.set(key, entry);
    const own = () => [...this.entries.values()].filter((candidate) => !candidate.location.shared);
    while (own().length > this.options.maxClients) {
      const oldest = own()[0];
      if (oldest === undefined) break;
      this.retire(oldest);
    }
    return entry;
  }

  private retireIdle(now: number): void {
    for (const entry of this.entries.values()) {
      // Map order is recency order: the first recent entry ends the scan.
      if (now - entry.lastUsed < this.options.clientIdleMs) break;
      this.retire(entry);
    }
  }

  private retire(entry: Entry): void {
    this.entries.delete(entry.key);
    this.retiring.add(entry);
    const finish = () => {
      void close(entry).finally(() => this.retiring.delete(entry));
    };
    if (this.options.retireGraceMs <= 0) {
      finish();
      return;
    }
    setTimeout(finish, this.options.retireGraceMs).unref();
  }
}

function notReady(): DomainError {
  return new DomainError("UNPROCESSABLE", "This team's data storage is not ready yet. Please try again in a few minutes.");
}

async function close(entry: Entry): Promise<void> {
  await entry.prisma.$disconnect().catch(() => undefined);
  await entry.pool.end().catch(() => undefined);
}

const ZSchemaClientEnv = z.object({
  TENANT_SCHEMA_CLIENTS_MAX: z.coerce.number().int().min(1).max(1_000).default(50),
  TENANT_SCHEMA_POOL_MAX: z.coerce.number().int().min(1).max(20).default(2),
  TENANT_SCHEMA_CONNECTION_IDLE_MS: z.coerce.number().int().min(100).default(10_000),
  TENANT_SCHEMA_CLIENT_IDLE_MS: z.coerce.number().int().min(1_000).default(10 * 60_000),
});

/** Bounds from the environment (TENANT_SCHEMA_CLIENTS_MAX, TENANT_SCHEMA_POOL_MAX, ...). */
export function schemaClientOptionsFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): SchemaClientOptions {
  const parsed = ZSchemaClientEnv.parse({
    TENANT_SCHEMA_CLIENTS_MAX: env.TENANT_SCHEMA_CLIENTS_MAX || undefined,
    TENANT_SCHEMA_POOL_MAX: env.TENANT_SCHEMA_POOL_MAX || undefined,
    TENANT_SCHEMA_CONNECTION_IDLE_MS: env.TENANT_SCHEMA_CONNECTION_IDLE_MS || undefined,
    TENANT_SCHEMA_CLIENT_IDLE_MS: env.TENANT_SCHEMA_CLIENT_IDLE_MS || undefined,
  });
  const server = serverEnv();
  return {
    maxClients: parsed.TENANT_SCHEMA_CLIENTS_MAX,
    poolMax: parsed.TENANT_SCHEMA_POOL_MAX,
    sharedPoolMax: server.DATABASE_POOL_MAX,
    connectionIdleMs: parsed.TENANT_SCHEMA_CONNECTION_IDLE_MS,
    clientIdleMs: parsed.TENANT_SCHEMA_CLIENT_IDLE_MS,
    retireGraceMs: 30_000,
    urlForRegion: databaseUrlForRegion,
    appRole: server.DATABASE_APP_ROLE || undefined,
    platformRole: server.DATABASE_PLATFORM_ROLE,
  };
}

// One cache per process (Next bundles server code into several module instances).
const globals = globalThis as typeof globalThis & { __ebosSchemaClients?: SchemaClientCache };

export function schemaClients(): SchemaClientCache {
  globals.__ebosSchemaClients ??= new SchemaClientCache(schemaClientOptionsFromEnv());
  return globals.__ebosSchemaClients;
}

export async function closeSchemaClients(): Promise<void> {
  const cache = globals.__ebosSchemaClients;
  globals.__ebosSchemaClients = undefined;
  await cache?.closeAll();
}
