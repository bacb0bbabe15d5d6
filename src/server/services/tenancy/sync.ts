import pg from "pg";
import { loginClient } from "../../db/tenancy/login-client";
import { z } from "zod";
import { msg } from "../../../lib/message";
import { getBaseDb } from "../../db/client";
import { applyPendingMigrations } from "../../db/migrate";
import { tenantLocation } from "../../db/tenancy/locations";
import { PgDatabaseProvisioner } from "../../db/tenancy/pg-database-provisioner";
import { PgSchemaProvisioner } from "../../db/tenancy/pg-schema-provisioner";
import { configuredRegions, databaseUrlForRegion, regionHasOwnDatabase } from "../../db/tenancy/regions";
import { describeDrift, lockTenantForSync, tenantSchemaDrift, unlockTenantForSync } from "../../db/tenancy/schema-diff";
import { tenantSchemaName } from "../../db/tenancy/schema-name";
import type { TenantProvisioner } from "../../db/tenancy/provisioner";
import { TENANT_MODELS } from "../../db/tenant-models";
import { ValidationError } from "../../errors";
import { describeSyncError } from "./sync-error";

/**
 * Schema sync (spec feature 13): brings every tenant schema up to the live
 * `public` tenant tables — the schema that `prisma migrate` keeps current — so a
 * migration reaches the SCHEMA-tier tenants too.
 *
 * Per tenant: a session advisory lock (two syncs never work on one tenant at
 * once), then the provisioner adds what is missing (tables, columns, enum
 * labels, constraints, indexes, RLS, policies, audit triggers, grants) in one
 * transaction, so a failing tenant keeps its old shape whole (new enum labels
 * excepted: they are committed first, as PostgreSQL allows no use of a label in
 * the transaction that added it). Columns, indexes
 * and constraints only the tenant has are reported as drift and kept.
 *
 * A small pool of workers takes the tenants one by one; a failing tenant is
 * recorded and the others go on. Each result is stored as soon as it is known
 * (a TenantSyncResult of the run), so a crashed run leaves what it did behind;
 * re-running is safe, as a current schema gets no DDL.
 *
 * Databases beside the primary one get the migrations themselves (prisma
 * migrate deploy, which applies only what is pending): first the database of
 * each region with a server of its own (its public tables are the template of
 * that region's tenant schemas; reported as `region:<id>`), then each ISOLATED
 * team's database, alongside the tenant schemas.
 */
export type SyncOutcome = "applied" | "current" | "failed";

export type SyncTenantResult = {
  teamId: string;
  target: string;
  outcome: SyncOutcome;
  /** The statements applied, then one `-- drift (kept): …` line per drift item. */
  changes: string[];
  error: string | null;
  durationMs: number;
};

export type SyncReport = { runId: string; results: SyncTenantResult[] };

export const MAX_SYNC_CONCURRENCY = 32;

export const ZSyncOptions = z.object({
  concurrency: z.number().int().min(1, "Use a concurrency of at least 1.").max(MAX_SYNC_CONCURRENCY, "Use a concurrency of at most 32."),
  teamIds: z.array(z.string().min(1).max(100)).max(10_000).optional(),
});

export type SyncOptions = { concurrency: number; teamIds?: string[] };

type TenantTeam = { id: string; tier: "SHARED" | "SCHEMA" | "ISOLATED"; region: string };

export type SyncDeps = {
  provisioner?: TenantProvisioner;
  /** Applies pending migrations to a database and returns their names (default: prisma migrate deploy). */
  migrateDatabase?: (url: string) => Promise<string[]>;
};

export async function syncTenantSchemas(options: SyncOptions, deps: SyncDeps = {}): Promise<SyncReport> {
  const parsed = ZSyncOptions.safeParse(options);
  if (!parsed.success) throw new ValidationError(parsed.error.issues[0]?.message ?? "These sync options are not valid.");
  const { concurrency, teamIds } = parsed.data;
  const db = getBaseDb();

  const teams: TenantTeam[] = await db.team.findMany({
    where: { tier: { in: ["SCHEMA", "ISOLATED"] }, ...(teamIds ? { id: { in: teamIds } } : {}) },
    select: { id: true, tier: true, region: true },
    orderBy: { id: "asc" },
  });
  if (teamIds) {
    const found = new Set(teams.map((team) => team.id));
    const unknown = [...new Set(teamIds)].filter((id) => !found.has(id));
    if (unknown.length > 0) throw new ValidationError(msg`These teams have no tenant schema or database: ${unknown.slice(0, 10).join(", ")}.`, "teamIds");
  }

  const run = await db.tenantSyncRun.create({ data: { concurrency }, select: { id: true } });
  const provisioner = deps.provisioner ?? new PgSchemaProvisioner();
  const migrateDatabase = deps.migrateDatabase ?? applyPendingMigrations;
  const tables = Object.keys(TENANT_MODELS);
  const store = async (result: SyncTenantResult) => {
    await db.tenantSyncResult.create({
      data: { runId: run.id, teamId: result.teamId, target: result.target, outcome: result.outcome, changes: result.changes, error: result.error, durationMs: result.durationMs },
      select: { id: true },
    });
  };

  // Region servers first: a region's tenant schemas are copied from its public tables.
  const regionResults: SyncTenantResult[] = [];
  if (!teamIds) {
    for (const region of configuredRegions().filter(regionHasOwnDatabase)) {
      const result = await syncDatabase(`region:${region}`, `database of region ${region}`, () => databaseUrlForRegion(region), migrateDatabase);
      regionResults.push(result);
      await store(result);
    }
  }

  const results: SyncTenantResult[] = new Array<SyncTenantResult>(teams.length);
  let next = 0;
  const worker = async () => {
    while (next < teams.length) {
      const index = next++;
      const team = teams[index];
      if (!team) continue;
      const result =
        team.tier === "ISOLATED"
          ? await syncDatabase(team.id, `database ${tenantLocation(team.id, team).database ?? ""}`, () => isolatedUrl(team), migrateDatabase)
          : await syncTeam(team, provisioner, tables);
      results[index] = result;
      await store(result);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, teams.length) }, worker));
  results.unshift(...regionResults);

  const count = (outcome: SyncOutcome) => results.filter((result) => result.outcome === outcome).length;
  await db.tenantSyncRun.update({
    where: { id: run.id },
    data: { status: "finished", applied: count("applied"), current: count("current"), failed: count("failed"), finishedAt: new Date() },
    select: { id: true },
  });
  return { runId: run.id, results };
}

async function syncTeam(team: TenantTeam, provisioner: TenantProvisioner, tables: readonly string[]): Promise<SyncTenantResult> {
  const started = Date.now();
  const done = (target: string, outcome: SyncOutcome, changes: string[], error: string | null): SyncTenantResult => ({
    teamId: team.id,
    target,
    outcome,
    changes,
    error,
    durationMs: Date.now() - started,
  });
  const schema = tenantSchemaName(team.id);
  let client: pg.Client | null = null;
  try {
    // The login role, like the provisioner: reading the catalog of every schema
    // and the advisory lock need no tenant context.
    client = loginClient(databaseUrlForRegion(team.region), "ebos-schema-sync");
    await client.connect();
    await lockTenantForSync(client, schema);
    try {
      const { actions } = await provisioner.provision({ teamId: team.id, region: team.region, tier: "SCHEMA" });
      const drift = await tenantSchemaDrift(client, schema, tables);
      return done(schema, actions.length > 0 ? "applied" : "current", [...actions, ...drift.map(describeDrift)], null);
    } finally {
      await unlockTenantForSync(client, schema).catch(() => undefined);
    }
  } catch (error) {
    return done(schema, "failed", [], describeSyncError(error));
  } finally {
    await client?.end().catch(() => undefined);
  }
}

/** An ISOLATED team's database URL, once it is known to be the team's own (never migrate a stranger's database). */
async function isolatedUrl(team: TenantTeam): Promise<string> {
  const state = await new PgDatabaseProvisioner().state({ teamId: team.id, region: team.region });
  const location = tenantLocation(team.id, team);
  if (state === "absent") throw new Error(`The team's database ${location.database ?? ""} does not exist on its region's server.`);
  if (state === "foreign") throw new Error(`The database ${location.database ?? ""} does not belong to this team; it was left alone.`);
  return location.url;
}

/** Applies the pending migrations to one database; its result names them. */
async function syncDatabase(
  teamId: string,
  target: string,
  url: () => Promise<string> | string,
  migrateDatabase: (url: string) => Promise<string[]>,
): Promise<SyncTenantResult> {
  const started = Date.now();
  try {
    const applied = await migrateDatabase(await url());
    return { teamId, target, outcome: applied.length > 0 ? "applied" : "current", changes: applied.map((name) => `migration ${name}`), error: null, durationMs: Date.now() - started };
  } catch (error) {
    return { teamId, target, outcome: "failed", changes: [], error: describeSyncError(error), durationMs: Date.now() - started };
  }
}

const ZTeamId = z.string().min(1).max(100);

/** The newest sync result of a team (for the superadmin view), or null when it was never synced. */
export async function latestSyncResult(teamId: string): Promise<{ outcome: string; error: string | null; createdAt: Date } | null> {
  const parsed = ZTeamId.safeParse(teamId);
  if (!parsed.success) throw new ValidationError("Choose a valid team.", "teamId");
  return getBaseDb().tenantSyncResult.findFirst({
    where: { teamId: parsed.data },
    orderBy: { createdAt: "desc" },
    select: { outcome: true, error: true, createdAt: true },
  });
}
