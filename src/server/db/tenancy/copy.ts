import { pipeline } from "node:stream/promises";
import { loginClient } from "./login-client";
import pg from "pg";
import { from as copyFrom, to as copyTo } from "pg-copy-streams";
import { sameDatabase, type TenantLocation } from "./locations";
import { quoteIdent, quoteLiteral } from "./schema-name";

/**
 * The raw SQL of the tier migration engine (services/tenancy/migration.ts):
 * copying one team's rows between two locations (locations.ts), checksumming
 * them, and deleting them.
 * - Within one database (public tables ↔ schema tenant_<id>) a batch is one
 *   INSERT … SELECT: the rows never leave the server.
 * - Across databases (an ISOLATED team's own database, another region's server)
 *   a batch is streamed: COPY (SELECT …) TO STDOUT on the source piped into
 *   COPY … FROM STDIN on the target, in text format so enum labels map onto the
 *   target's own enum types. COPY FROM refuses tables under row-level security
 *   for a role that RLS binds, so such a login role stages the batch in a
 *   temporary table first (no RLS) and inserts it from there.
 *
 * Raw SQL on purpose: Prisma clients are bound to one schema, cannot move rows
 * between schemas or databases in bulk, and cannot express keyset batches over
 * composite primary keys or a checksum over whole rows.
 *
 * Every statement runs on a connection of its own as the login role (the owner
 * of the tables, like the provisioner), in a transaction that sets
 * - app.team_id: the tables force row-level security, so the owner too only sees
 *   and writes the team's rows (the app role could not insert AuditLog rows);
 * - app.copying = 'on': the audit trigger skips copied and cleaned rows (their
 *   audit trail is copied with them), see migration 20261124130000.
 * Both are transaction-local, so nothing leaks to another use of the connection.
 */

export type TableLayout = {
  table: string;
  /** Every column, in the source table's order (embeddingVec included where pgvector added it). */
  columns: string[];
  /** Columns whose type is an enum: the two placements have their own enum types. */
  enumColumns: string[];
  primaryKey: string[];
  /** The SQL type of each primary-key column (keyset literals are cast to it). */
  primaryKeyTypes: string[];
};

export type CopyConnection = {
  client: pg.Client;
  location: Pick<TenantLocation, "url" | "schema">;
  /** Whether the login role is bound by row-level security (COPY FROM must then go through a staging table). */
  boundByRls(): Promise<boolean>;
  end(): Promise<void>;
};

/** A connection, as the login role, to the database of `location`. */
export async function openCopyConnection(location: Pick<TenantLocation, "url" | "schema">): Promise<CopyConnection> {
  const client = loginClient(location.url, "ebos-tier-migration");
  await client.connect();
  let bound: boolean | undefined;
  return {
    client,
    location,
    async boundByRls() {
      if (bound === undefined) {
        const result = await client.query<{ bypass: boolean }>("SELECT rolsuper OR rolbypassrls AS bypass FROM pg_catalog.pg_roles WHERE rolname = current_user");
        bound = result.rows[0]?.bypass !== true;
      }
      return bound;
    },
    end: () => client.end(),
  };
}

/** Whether two connections reach the same database (a batch can then stay in the server). */
export function sameDatabaseConnections(a: CopyConnection, b: CopyConnection): boolean {
  return sameDatabase(a.location.url, b.location.url);
}

/** Runs `fn` in one transaction scoped to the team, with the audit trigger quiet. */
export async function inTeamTransaction<T>(client: pg.Client, teamId: string, fn: () => Promise<T>): Promise<T> {
  await client.query("BEGIN");
  try {
    await client.query("SELECT set_config('app.team_id', $1, true), set_config('app.copying', 'on', true)", [teamId]);
    const result = await fn();
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
}

/** Column lists, enum columns and primary keys of the tables as they are in `schema` (the template). */
export async function tableLayouts(client: pg.Client, schema: string, tables: readonly string[]): Promise<Map<string, TableLayout>> {
  const columns = await client.query<{ table: string; column: string; isEnum: boolean }>(
    `SELECT c.relname AS "table", a.attname AS "column", t.typtype = 'e' AS "isEnum"
       FROM pg_catalog.pg_attribute a
       JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
       JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
      WHERE c.relnamespace = $1::regnamespace AND c.relname = ANY($2) AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
      ORDER BY c.relname, a.attnum`,
    [schema, tables],
  );
  const keys = await client.query<{ table: string; columns: string[]; types: string[] }>(
    `SELECT c.relname AS "table",
            ARRAY(SELECT a.attname::text FROM unnest(k.conkey) WITH ORDINALITY AS u(attnum, pos)
                    JOIN pg_catalog.pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.attnum ORDER BY u.pos) AS columns,
            ARRAY(SELECT pg_catalog.format_type(a.atttypid, a.atttypmod) FROM unnest(k.conkey) WITH ORDINALITY AS u(attnum, pos)
                    JOIN pg_catalog.pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.attnum ORDER BY u.pos) AS types
       FROM pg_catalog.pg_constraint k JOIN pg_catalog.pg_class c ON c.oid = k.conrelid
      WHERE c.relnamespace = $1::regnamespace AND c.relname = ANY($2) AND k.contype = 'p'`,
    [schema, tables],
  );
  const layouts = new Map<string, TableLayout>();
  for (const table of tables) {
    const own = columns.rows.filter((row) => row.table === table);
    const key = keys.rows.find((row) => row.table === table);
    const primaryKey = key?.columns ?? [];
    if (own.length === 0) throw new Error(`Table ${schema}.${table} does not exist.`);
    if (primaryKey.length === 0) throw new Error(`Table ${schema}.${table} has no primary key: it cannot be copied in batches.`);
    layouts.set(table, {
      table,
      columns: own.map((row) => row.column),
      enumColumns: own.filter((row) => row.isEnum).map((row) => row.column),
      primaryKey,
      primaryKeyTypes: key?.types ?? [],
    });
  }
  return layouts;
}

const qualified = (schema: string, table: string) => `${quoteIdent(schema)}.${quoteIdent(table)}`;
const list = (columns: readonly string[], alias?: string) => columns.map((column) => (alias ? `${alias}.${quoteIdent(column)}` : quoteIdent(column))).join(", ");

/** The team's rows in `schema`.`table`. */
export async function countTeamRows(client: pg.Client, schema: string, table: string, teamId: string): Promise<number> {
  return inTeamTransaction(client, teamId, async () => {
    const result = await client.query<{ count: number }>(`SELECT count(*)::int AS count FROM ${qualified(schema, table)} WHERE "teamId" = $1`, [teamId]);
    return result.rows[0]?.count ?? 0;
  });
}

/**
 * Rows of other teams in `schema`.`table`. The copy runs as the login role, which
 * may be a superuser that RLS does not bind: a team's own schema holding anyone
 * else's rows means a copy went wrong, and verification must say so.
 */
export async function countForeignRows(client: pg.Client, schema: string, table: string, teamId: string): Promise<number> {
  const result = await client.query<{ count: number }>(`SELECT count(*)::int AS count FROM ${qualified(schema, table)} WHERE "teamId" IS DISTINCT FROM $1`, [teamId]);
  return result.rows[0]?.count ?? 0;
}

/**
 * Copies the next batch of the team's rows: those whose primary key comes after
 * the greatest key already in the target, in key order. Each batch commits on
 * its own, so after a crash the target holds whole batches and the next call
 * continues right after them. Returns how many rows were inserted; 0 means the
 * table is done.
 */
export async function copyNextBatch(
  source: CopyConnection,
  target: CopyConnection,
  input: { layout: TableLayout; teamId: string; batchSize: number; staged?: boolean },
): Promise<number> {
  if (sameDatabaseConnections(source, target)) return copyBatchInServer(target.client, { ...input, from: source.location.schema, to: target.location.schema });
  return copyBatchAcross(source, target, input);
}

/** One INSERT … SELECT inside one database (ON CONFLICT DO NOTHING covers a batch committed just before a crash was noticed). */
async function copyBatchInServer(
  client: pg.Client,
  input: { from: string; to: string; layout: TableLayout; teamId: string; batchSize: number },
): Promise<number> {
  const { from, to, layout, teamId, batchSize } = input;
  const key = list(layout.primaryKey);
  return inTeamTransaction(client, teamId, async () => {
    const enumTypes = await enumColumnTypes(client, to, layout);
    const selectList = layout.columns
      .map((column) => {
        const type = enumTypes.get(column);
        return type ? `s.${quoteIdent(column)}::text::${type}` : `s.${quoteIdent(column)}`;
      })
      .join(", ");
    const result = await client.query(
      `WITH last AS (SELECT ${key} FROM ${qualified(to, layout.table)} WHERE "teamId" = $1 ORDER BY ${layout.primaryKey.map((column) => `${quoteIdent(column)} DESC`).join(", ")} LIMIT 1)
       INSERT INTO ${qualified(to, layout.table)} (${list(layout.columns)})
       SELECT ${selectList} FROM ${qualified(from, layout.table)} s
        WHERE s."teamId" = $1
          AND (NOT EXISTS (SELECT 1 FROM last) OR (${list(layout.primaryKey, "s")}) > (SELECT ${key} FROM last))
        ORDER BY ${list(layout.primaryKey, "s")}
        LIMIT $2
       ON CONFLICT DO NOTHING`,
      [teamId, batchSize],
    );
    return result.rowCount ?? 0;
  });
}

/**
 * One batch streamed between two databases. The source's transaction only
 * reads; the target's commits the batch. COPY takes no parameters, so the team
 * id and the last key go in as quoted literals cast to the key's own type.
 */
async function copyBatchAcross(
  source: CopyConnection,
  target: CopyConnection,
  input: { layout: TableLayout; teamId: string; batchSize: number; staged?: boolean },
): Promise<number> {
  const { layout, teamId, batchSize } = input;
  const from = qualified(source.location.schema, layout.table);
  const to = qualified(target.location.schema, layout.table);
  const pk = layout.primaryKey;
  const last = await inTeamTransaction(target.client, teamId, async () => {
    const result = await target.client.query<Record<string, string>>(
      `SELECT ${pk.map((column, i) => `${quoteIdent(column)}::text AS k${i}`).join(", ")} FROM ${to} WHERE "teamId" = $1
        ORDER BY ${pk.map((column) => `${quoteIdent(column)} DESC`).join(", ")} LIMIT 1`,
      [teamId],
    );
    return result.rows[0];
  });
  const after = last
    ? ` AND (${list(pk, "s")}) > (${pk.map((_, i) => `${quoteLiteral(String(last[`k${i}`]))}::${layout.primaryKeyTypes[i] ?? "text"}`).join(", ")})`
    : "";
  const select = `SELECT ${list(layout.columns, "s")} FROM ${from} s WHERE s."teamId" = ${quoteLiteral(teamId)}${after} ORDER BY ${list(pk, "s")} LIMIT ${Math.floor(batchSize)}`;
  const staged = input.staged ?? (await target.boundByRls());

  await source.client.query("BEGIN READ ONLY");
  try {
    await source.client.query("SELECT set_config('app.team_id', $1, true)", [teamId]);
    return await inTeamTransaction(target.client, teamId, async () => {
      const stage = quoteIdent(`eb_stage_${layout.table}`);
      if (staged) await target.client.query(`CREATE TEMP TABLE ${stage} (LIKE ${to}) ON COMMIT DROP`);
      const out = source.client.query(copyTo(`COPY (${select}) TO STDOUT`));
      const into = target.client.query(copyFrom(`COPY ${staged ? stage : to} (${list(layout.columns)}) FROM STDIN`));
      await pipeline(out, into);
      let inserted = into.rowCount;
      if (staged) {
        const result = await target.client.query(`INSERT INTO ${to} (${list(layout.columns)}) SELECT ${list(layout.columns)} FROM ${stage} ORDER BY ${list(pk)}`);
        inserted = result.rowCount ?? 0;
      }
      await source.client.query("COMMIT");
      return inserted;
    });
  } catch (error) {
    await source.client.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
}

/** The target's (schema-qualified) type of each enum column of the layout. */
async function enumColumnTypes(client: pg.Client, schema: string, layout: TableLayout): Promise<Map<string, string>> {
  if (layout.enumColumns.length === 0) return new Map();
  const result = await client.query<{ column: string; type: string }>(
    `SELECT a.attname AS "column", quote_ident(tn.nspname) || '.' || quote_ident(t.typname) AS type
       FROM pg_catalog.pg_attribute a
       JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
       JOIN pg_catalog.pg_namespace tn ON tn.oid = t.typnamespace
      WHERE a.attrelid = $1::regclass AND a.attname = ANY($2)`,
    [qualified(schema, layout.table), layout.enumColumns],
  );
  return new Map(result.rows.map((row) => [row.column, row.type]));
}

export type TableChecksum = { count: number; checksum: string };

/**
 * Row count and a checksum over the team's rows: md5 of every row's text (the
 * columns of the layout, in its order, enums as text), chained in primary-key
 * order. Per-row digests keep the aggregate small for large tables.
 */
export async function checksumTeamRows(client: pg.Client, schema: string, layout: TableLayout, teamId: string): Promise<TableChecksum> {
  return inTeamTransaction(client, teamId, async () => {
    const row = `ROW(${layout.columns.map((column) => `${quoteIdent(column)}::text`).join(", ")})::text`;
    const result = await client.query<{ count: number; checksum: string }>(
      `SELECT count(*)::int AS count, md5(coalesce(string_agg(md5(${row}), '' ORDER BY ${list(layout.primaryKey)}), '')) AS checksum
         FROM ${qualified(schema, layout.table)} WHERE "teamId" = $1`,
      [teamId],
    );
    return { count: result.rows[0]?.count ?? 0, checksum: result.rows[0]?.checksum ?? "" };
  });
}

/** Deletes the team's rows from `schema`, children before parents (`tables` in dependency order), in one transaction. */
export async function deleteTeamRows(client: pg.Client, schema: string, tables: readonly string[], teamId: string): Promise<number> {
  return inTeamTransaction(client, teamId, async () => {
    let deleted = 0;
    for (const table of [...tables].reverse()) {
      const result = await client.query(`DELETE FROM ${qualified(schema, table)} WHERE "teamId" = $1`, [teamId]);
      deleted += result.rowCount ?? 0;
    }
    return deleted;
  });
}

/** Whether `schema` exists. */
export async function schemaExists(client: pg.Client, schema: string): Promise<boolean> {
  const result = await client.query("SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = $1", [schema]);
  return (result.rowCount ?? 0) > 0;
}
