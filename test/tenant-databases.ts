import pg from "pg";
import { tenantDatabaseMarker } from "../src/server/db/tenancy/pg-database-provisioner";

/**
 * Drops the ISOLATED databases (tenant_<id>, marked as their team's) of every
 * team in the database at `databaseUrl`, on the server at `serverUrl`: a test
 * run's teardown, before it drops its own database, so no tenant database of a
 * finished run is left on the machine.
 */
export async function dropTenantDatabasesOf(serverUrl: string, databaseUrl: string): Promise<string[]> {
  const teams = new pg.Client({ connectionString: databaseUrl });
  await teams.connect();
  let ids: string[];
  try {
    ids = (await teams.query<{ id: string }>(`SELECT id FROM public."Team"`)).rows.map((row) => row.id);
  } finally {
    await teams.end();
  }
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    const owned = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE shobj_description(oid, 'pg_database') = ANY($1)`, [
      ids.map(tenantDatabaseMarker),
    ]);
    for (const { datname } of owned.rows) await admin.query(`DROP DATABASE IF EXISTS "${datname.replace(/"/g, '""')}" WITH (FORCE)`);
    return owned.rows.map((row) => row.datname);
  } finally {
    await admin.end();
  }
}
