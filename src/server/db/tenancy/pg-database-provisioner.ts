import pg from "pg";
import { loginClient } from "./login-client";
import { msg } from "../../../lib/message";
import { ConflictError } from "../../errors";
import { applyPendingMigrations } from "../migrate";
import type { ProvisionResult, ProvisionTarget, TenantProvisioner } from "./provisioner";
import { databaseUrlForRegion } from "./regions";
import { tenantDatabaseName, tenantLocation } from "./locations";
import { quoteIdent, quoteLiteral } from "./schema-name";

/**
 * Provisions ISOLATED-tier storage: a database `tenant_<id>` of its own on the
 * region's server (CREATE DATABASE), then every migration applied to it with the
 * same code path as the primary database (prisma migrate deploy), so its tenant
 * tables, RLS, policies, triggers and pgvector columns are exactly the
 * migrations' — and schema sync later applies new migrations the same way.
 * The control-plane tables exist there too but stay empty, except for a mirror of
 * the team's own row (team-mirror.ts) that the read-only policies consult.
 *
 * A database is ours when its comment names the team (set right after CREATE
 * DATABASE). A database of that name that is not ours is never used or dropped:
 * provisioning fails with a clear conflict. Raw SQL on purpose: CREATE/DROP
 * DATABASE have no Prisma API and cannot run in a transaction.
 */
export type PgDatabaseProvisionerOptions = {
  urlForRegion?: (region: string) => string;
  /** Applies the migrations to a database URL; defaults to prisma migrate deploy. */
  migrate?: (url: string) => Promise<void>;
  /**
   * A migrated, empty database on the same server to copy (CREATE DATABASE …
   * TEMPLATE): much faster than replaying every migration; the migrations still
   * run after, and apply what the template lacks. Default: TENANT_DATABASE_TEMPLATE.
   */
  template?: string;
};

export type TenantDatabaseState = "absent" | "ours" | "foreign";

export function tenantDatabaseMarker(teamId: string): string {
  return `ebos tenant database of team ${teamId}`;
}

export class PgDatabaseProvisioner implements TenantProvisioner {
  private readonly urlForRegion: (region: string) => string;
  private readonly migrate: (url: string) => Promise<void>;
  private readonly template: string | undefined;

  constructor(options: PgDatabaseProvisionerOptions = {}) {
    this.urlForRegion = options.urlForRegion ?? databaseUrlForRegion;
    this.template = options.template ?? (process.env.TENANT_DATABASE_TEMPLATE || undefined);
    this.migrate = options.migrate ?? (async (url) => void (await applyPendingMigrations(url)));
  }

  async provision(target: ProvisionTarget): Promise<ProvisionResult> {
    const name = this.nameOf(target);
    const actions: string[] = [];
    await this.onServer(target, name, async (client) => {
      const state = await databaseState(client, name, target.teamId);
      if (state === "foreign") throw conflict(name, target.region);
      if (state === "absent") {
        // The template is one name for every region's server: used only where it exists.
        const template = this.template ? (await client.query("SELECT 1 FROM pg_catalog.pg_database WHERE datname = $1", [this.template])).rowCount : 0;
        const create = `CREATE DATABASE ${quoteIdent(name)}${template && this.template ? ` TEMPLATE ${quoteIdent(this.template)}` : ""}`;
        await client.query(create);
        actions.push(create);
        const comment = `COMMENT ON DATABASE ${quoteIdent(name)} IS ${quoteLiteral(tenantDatabaseMarker(target.teamId))}`;
        await client.query(comment);
        actions.push(comment);
      }
    });
    // Idempotent: applies only what the database has not had yet.
    await this.migrate(tenantLocation(target.teamId, { tier: "ISOLATED", region: target.region }, this.urlForRegion).url);
    return { location: name, actions };
  }

  async deprovision(target: ProvisionTarget): Promise<void> {
    const name = this.nameOf(target);
    await this.onServer(target, name, async (client) => {
      const state = await databaseState(client, name, target.teamId);
      if (state === "absent") return;
      if (state === "foreign") throw conflict(name, target.region);
      // FORCE ends the sessions still open on it (idle pooled connections).
      await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
    });
  }

  /** Whether the team's database exists on its region's server, and whether it is ours. */
  async state(target: Omit<ProvisionTarget, "tier">): Promise<TenantDatabaseState> {
    const full = { ...target, tier: "ISOLATED" as const };
    const name = this.nameOf(full);
    let state: TenantDatabaseState = "absent";
    await this.onServer(full, name, async (client) => {
      state = await databaseState(client, name, target.teamId);
    });
    return state;
  }

  private nameOf(target: ProvisionTarget): string {
    if (target.tier !== "ISOLATED") throw new Error(`The database provisioner does not provision the ${target.tier} tier.`);
    return tenantDatabaseName(target.teamId);
  }

  /** A connection to the region server's own database (DATABASE_URL_<REGION>), holding a per-database lock. */
  private async onServer(target: ProvisionTarget, name: string, fn: (client: pg.Client) => Promise<void>): Promise<void> {
    const client = loginClient(this.urlForRegion(target.region), "ebos-provisioner");
    await client.connect();
    try {
      await client.query("SELECT pg_advisory_lock(hashtextextended($1, 0))", [`ebos:tenant-database:${name}`]);
      await fn(client);
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}

async function databaseState(client: pg.Client, name: string, teamId: string): Promise<TenantDatabaseState> {
  const result = await client.query<{ comment: string | null }>(
    "SELECT pg_catalog.shobj_description(oid, 'pg_database') AS comment FROM pg_catalog.pg_database WHERE datname = $1",
    [name],
  );
  const row = result.rows[0];
  if (!row) return "absent";
  return row.comment === tenantDatabaseMarker(teamId) ? "ours" : "foreign";
}

function conflict(name: string, region: string): ConflictError {
  return new ConflictError(msg`A database named ${name} already exists on the server of region ${region} and does not belong to this team. Nothing was moved; remove or rename that database first.`);
}
