import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { uniqueSuffix } from "../../../../test/factories";
import { PgSchemaProvisioner } from "./pg-schema-provisioner";
import { SchemaClientCache, schemaClientOptionsFromEnv, type SchemaClientOptions } from "./schema-clients";
import { tenantSchemaName } from "./schema-name";

// Only Project (and AuditLog, its audit trigger's target): the bound is about pools, and 60 full schemas would be slow.
const provisioner = new PgSchemaProvisioner({ tables: ["Project", "AuditLog"] });
const TENANTS = 60;
const BOUND = 10;
const POOL_MAX = 2;
const teamIds = Array.from({ length: TENANTS }, (_, i) => `bound${i}x${uniqueSuffix()}`);
let admin: pg.Client;

function options(overrides: Partial<SchemaClientOptions> = {}): SchemaClientOptions {
  return {
    maxClients: BOUND,
    poolMax: POOL_MAX,
    sharedPoolMax: 10,
    connectionIdleMs: 60_000,
    clientIdleMs: 60 * 60_000,
    retireGraceMs: 0,
    urlForRegion: () => process.env.DATABASE_URL ?? "",
    appRole: "eb_app",
    platformRole: "eb_platform",
    ...overrides,
  };
}

/** Server-side truth: connections of tenant pools to this run's database. */
async function tenantConnections(): Promise<number> {
  const result = await admin.query(
    "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = ANY($1)",
    [teamIds.map((id) => `ebos-tenant:${tenantSchemaName(id)}`)],
  );
  return (result.rows[0] as { n: number }).n;
}

beforeAll(async () => {
  admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  for (const teamId of teamIds) await provisioner.provision({ teamId, region: "global", tier: "SCHEMA" });
});

afterAll(async () => {
  for (const teamId of teamIds) await provisioner.deprovision({ teamId, region: "global", tier: "SCHEMA" });
  await admin.end();
});

describe("SchemaClientCache", () => {
  it(`keeps at most ${BOUND} live clients and ${BOUND * POOL_MAX} connections while ${TENANTS} tenants are used`, async () => {
    const cache = new SchemaClientCache(options());
    try {
      for (const teamId of teamIds) {
        const { tenant, schema } = await cache.acquire(teamId, { tier: "SCHEMA", region: "global" });
        expect(schema).toBe(tenantSchemaName(teamId));
        await tenant.project.create({ data: { name: `p-${teamId}` }, select: { id: true } });
        expect(await tenant.project.count()).toBe(1);
        expect(cache.stats().clients).toBeLessThanOrEqual(BOUND);
      }
      await vi.waitFor(() => expect(cache.stats().retiring).toBe(0));
      const stats = cache.stats();
      expect(stats.clients).toBe(BOUND);
      expect(stats.connections).toBeLessThanOrEqual(BOUND * POOL_MAX);
      await vi.waitFor(async () => expect(await tenantConnections()).toBeLessThanOrEqual(BOUND * POOL_MAX));

      // Every row went to its own schema.
      const rows = await admin.query(`SELECT count(*)::int AS n FROM "${tenantSchemaName(teamIds[0] ?? "")}"."Project"`);
      expect((rows.rows[0] as { n: number }).n).toBe(1);
      // An evicted tenant comes back with a fresh client and still sees its row.
      const again = await cache.acquire(teamIds[0] ?? "", { tier: "SCHEMA", region: "global" });
      expect(await again.tenant.project.count()).toBe(1);
      expect(cache.stats().clients).toBeLessThanOrEqual(BOUND);
    } finally {
      await cache.closeAll();
    }
    await vi.waitFor(async () => expect(await tenantConnections()).toBe(0));
  });

  it("reuses one client per schema and closes idle connections", async () => {
    const cache = new SchemaClientCache(options({ connectionIdleMs: 100 }));
    try {
      const teamId = teamIds[1] ?? "";
      const first = await cache.acquire(teamId, { tier: "SCHEMA", region: "global" });
      await first.tenant.project.count();
      const second = await cache.acquire(teamId, { tier: "SCHEMA", region: "global" });
      expect(second.prisma).toBe(first.prisma);
      expect(cache.stats().clients).toBe(1);
      await vi.waitFor(() => expect(cache.stats().connections).toBe(0), { timeout: 5_000 });
      expect(await second.tenant.project.count()).toBe(1);
    } finally {
      await cache.closeAll();
    }
  });

  it("lets a client retired with a grace period finish its work", async () => {
    const cache = new SchemaClientCache(options({ maxClients: 1, retireGraceMs: 60_000 }));
    try {
      const held = await cache.acquire(teamIds[2] ?? "", { tier: "SCHEMA", region: "global" });
      await cache.acquire(teamIds[3] ?? "", { tier: "SCHEMA", region: "global" });
      expect(cache.stats()).toMatchObject({ clients: 1, retiring: 1 });
      expect(await held.tenant.project.count()).toBe(1);
    } finally {
      await cache.closeAll();
    }
    expect(cache.stats()).toEqual({ clients: 0, retiring: 0, connections: 0 });
  });

  it("reads its bounds from the environment, small by default", () => {
    expect(schemaClientOptionsFromEnv({})).toMatchObject({ maxClients: 50, poolMax: 2 });
    expect(schemaClientOptionsFromEnv({ TENANT_SCHEMA_CLIENTS_MAX: "7", TENANT_SCHEMA_POOL_MAX: "3" })).toMatchObject({ maxClients: 7, poolMax: 3 });
    expect(() => schemaClientOptionsFromEnv({ TENANT_SCHEMA_CLIENTS_MAX: "0" })).toThrow();
  });
});
