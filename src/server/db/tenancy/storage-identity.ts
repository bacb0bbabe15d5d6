import { sameLocation, type TenantLocation } from "./locations";
import { loginClient } from "./login-client";

/**
 * Whether two locations are the same tables, even when their URLs differ (two
 * regions' servers configured as aliases of one host, `localhost` and
 * `127.0.0.1`): the cluster's system identifier and the database name decide.
 * A tier move between them must not copy (preparing the target would empty the
 * source). Raw SQL: pg_control_system() has no Prisma API.
 */
export async function sameStorage(a: TenantLocation, b: TenantLocation): Promise<boolean> {
  if (a.schema !== b.schema) return false;
  if (sameLocation(a, b)) return true;
  const [x, y] = await Promise.all([identity(a.url), identity(b.url)]);
  return x !== null && x === y;
}

/** `<system identifier>/<database>`, or null when the database cannot be reached (e.g. not created yet). */
async function identity(url: string): Promise<string | null> {
  const client = loginClient(url, "ebos-storage-identity");
  try {
    await client.connect();
    const result = await client.query<{ id: string }>(
      "SELECT (SELECT system_identifier::text FROM pg_catalog.pg_control_system()) || '/' || current_database() AS id",
    );
    return result.rows[0]?.id ?? null;
  } catch {
    return null;
  } finally {
    await client.end().catch(() => undefined);
  }
}
