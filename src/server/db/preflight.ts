import pg from "pg";
import { describeDatabaseUrl } from "./redact";

/**
 * Checks the database answers before the app starts, and turns the usual
 * failures into one clear sentence (never echoing the URL's password).
 */
export async function checkDatabaseReachable(url: string, timeoutMs = 5000): Promise<{ ok: true } | { ok: false; message: string }> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  const where = describeDatabaseUrl(url);
  try {
    await client.connect();
    await client.query("SELECT 1");
    return { ok: true };
  } catch (error) {
    const code = (error as { code?: string }).code;
    const reason =
      code === "ECONNREFUSED"
        ? "connection refused — is PostgreSQL running there?"
        : code === "ENOTFOUND" || code === "EAI_AGAIN"
          ? "host not found"
          : code === "3D000"
            ? "the database does not exist"
            : code === "28P01" || code === "28000"
              ? "authentication failed"
              : code === "ETIMEDOUT" || (error instanceof Error && /timeout/i.test(error.message))
                ? `no answer within ${timeoutMs} ms`
                : `${code ?? "error"}`;
    return { ok: false, message: `Cannot reach the database at ${where}: ${reason}.` };
  } finally {
    await client.end().catch(() => undefined);
  }
}
