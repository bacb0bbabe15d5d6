import pg from "pg";

/**
 * The tenancy benches' scratch databases: created on the machine's PostgreSQL
 * (BENCH_DATABASE_SERVER_URL), never the `postgres` database itself, and dropped after.
 */
export const SERVER_URL = process.env.BENCH_DATABASE_SERVER_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

export function dbUrl(name: string): string {
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function withClient<T>(connectionString: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
