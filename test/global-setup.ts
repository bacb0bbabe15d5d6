import { randomBytes } from "node:crypto";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { applyMigrations } from "../src/server/db/migrate";
import { dropTenantDatabasesOf } from "./tenant-databases";

/**
 * One fresh database per test run on the machine's PostgreSQL (never `postgres`
 * itself), migrated with the same code path as production, dropped at the end.
 */
const SERVER_URL = process.env.TEST_DATABASE_SERVER_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

// Vitest's provide/inject types are extended by interface merging only.
declare module "vitest" {
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  export interface ProvidedContext {
    databaseUrl: string;
    tenantTemplate: string;
  }
}

async function withAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: SERVER_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export default async function setup(project: TestProject) {
  const name = `ebos_test_${Date.now()}_${randomBytes(3).toString("hex")}`;
  const admin = new pg.Client({ connectionString: SERVER_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = withDatabase(SERVER_URL, name);
  await applyMigrations(url, { quiet: true });
  // The migrated, still empty database is the template of ISOLATED tenants'
  // databases (TENANT_DATABASE_TEMPLATE): copying it is much faster than
  // replaying the migrations, which the per-tier runs would do for every team.
  const template = `${name}_tpl`;
  await withAdmin((client) => client.query(`CREATE DATABASE "${template}" TEMPLATE "${name}"`));
  project.provide("databaseUrl", url);
  project.provide("tenantTemplate", template);

  return async () => {
    // The databases of this run's ISOLATED teams (tenant_<id>, marked as theirs), then the run's own.
    await dropTenantDatabasesOf(SERVER_URL, url);
    await withAdmin(async (client) => {
      await client.query(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    });
  };
}
