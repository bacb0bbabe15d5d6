import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { dropTenantDatabasesOf } from "../test/tenant-databases";

/** The e2e run's own database on the machine's PostgreSQL, remembered so teardown can drop it. */
export const SERVER_URL = process.env.TEST_DATABASE_SERVER_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const MARKER = path.resolve(import.meta.dirname, "../.data/e2e-database");

export async function createE2eDatabase(): Promise<string> {
  const name = `ebos_e2e_${Date.now()}`;
  const client = new pg.Client({ connectionString: SERVER_URL });
  await client.connect();
  await client.query(`CREATE DATABASE "${name}"`);
  await client.end();
  mkdirSync(path.dirname(MARKER), { recursive: true });
  writeFileSync(MARKER, name);
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropE2eDatabase(): Promise<void> {
  let name: string;
  try {
    name = readFileSync(MARKER, "utf8").trim();
  } catch {
    return;
  }
  if (!/^ebos_e2e_\d+$/.test(name)) return;
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  // Teams moved to ISOLATED during the run have databases of their own.
  await dropTenantDatabasesOf(SERVER_URL, url.toString()).catch(() => undefined);
  const client = new pg.Client({ connectionString: SERVER_URL });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await client.end();
  rmSync(MARKER, { force: true });
}

/** Reads the e2e database directly, e.g. the email outbox, as a mail client would. */
export async function queryE2eDatabase<T extends pg.QueryResultRow>(sql: string, values: unknown[] = []): Promise<T[]> {
  const name = readFileSync(MARKER, "utf8").trim();
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    return (await client.query<T>(sql, values)).rows;
  } finally {
    await client.end();
  }
}
