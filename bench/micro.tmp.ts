import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { randomBytes } from "node:crypto";

const SERVER_URL = "postgresql://postgres@127.0.0.1:5432/postgres";
const name = `ebos_micro_${Date.now()}`;
const admin = new pg.Client({ connectionString: SERVER_URL }); await admin.connect(); await admin.query(`CREATE DATABASE "${name}"`); await admin.end();
const url = SERVER_URL.replace(/\/postgres$/, `/${name}`);
process.env.DATABASE_URL = url;
const { applyMigrations } = await import("../src/server/db/migrate");
await applyMigrations(url, { quiet: true });
const { getBaseDb, createPool, createPrismaClient } = await import("../src/server/db/client");
const { getTenantDb } = await import("../src/server/db/get-tenant-db");
const { withDbContext } = await import("../src/server/db/context");
const { PrismaClient } = await import("../src/server/db/generated/client");
const teamIds: string[] = [];
for (let t = 0; t < 20; t++) {
  const team = await getBaseDb().team.create({ data: { name: `B${t}`, slug: `b-${t}-${randomBytes(2).toString("hex")}` } });
  teamIds.push(team.id);
  await (await getTenantDb(team.id)).project.createMany({ data: Array.from({ length: 500 }, (_, i) => ({ name: `P${i}`, description: "Benchmark row ".repeat(8) })) });
}
const team = teamIds[0]!;
const select = { id: true, name: true, description: true, status: true, createdById: true, createdAt: true, updatedAt: true } as const;
const orderBy = [{ createdAt: "desc" as const }, { id: "desc" as const }];
async function loop(label: string, op: () => Promise<unknown>, n = 3000) {
  for (let i = 0; i < 300; i++) await op();
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await op();
  const us = ((performance.now() - t0) * 1000) / n;
  console.log(label.padEnd(40), us.toFixed(0), "µs");
}
const plain = new PrismaClient({ adapter: new PrismaPg(new pg.Pool({ connectionString: url, max: 10 })) });
const superCtx = createPrismaClient(createPool(url, { max: 10, appRole: undefined }));
const ctxBase = getBaseDb();
const ctx = { teamId: team, crossTenant: false, actorId: null, requestId: null };
const cachedTenant = await getTenantDb(team, { placement: { tier: "SHARED", region: "global" } });
for (let pass = 0; pass < 2; pass++) {
  await loop("A plain", () => plain.project.findMany({ where: { teamId: team }, select, orderBy, take: 51 }));
  await loop("C ContextPool superuser (no RLS)", () => withDbContext(ctx, () => superCtx.project.findMany({ where: { teamId: team }, select, orderBy, take: 51 })));
  await loop("B ContextPool eb_app + RLS", () => withDbContext(ctx, () => ctxBase.project.findMany({ where: { teamId: team }, select, orderBy, take: 51 })));
  await loop("D cached tenant client", () => cachedTenant.project.findMany({ select, orderBy, take: 51 }));
  await loop("E per-request tenant client", async () => (await getTenantDb(team, { placement: { tier: "SHARED", region: "global" } })).project.findMany({ select, orderBy, take: 51 }));
}
const c = new pg.Client({ connectionString: SERVER_URL }); await c.connect(); await c.query(`DROP DATABASE "${name}" WITH (FORCE)`); await c.end();
process.exit(0);
