import type pg from "pg";

/**
 * What a tenant schema has that the live `public` tenant tables do not: columns,
 * indexes and constraints found only in the tenant's copy ("drift", e.g. a hand
 * fix made on one tenant, or a column public has since dropped).
 *
 * Schema sync reports drift and never drops it: removing a column or an index
 * destroys data or changes plans, so it is for a person (or a migration) to
 * decide. What public has and the tenant lacks is added by the provisioner
 * (pg-schema-provisioner.ts), which is the one place that knows how to copy a
 * definition into a schema.
 *
 * Raw catalog SQL on purpose: Prisma has no view of the catalog, and the tenant
 * schemas are compared with what PostgreSQL actually holds, not with a model file.
 */
export const TEMPLATE_SCHEMA = "public";

export type DriftItem = { kind: "column" | "index" | "constraint"; table: string; name: string };

type NamedRow = { namespace: string; table: string; name: string };

async function rows<T>(client: pg.Client, text: string, values: unknown[]): Promise<T[]> {
  return (await client.query(text, values)).rows as T[];
}

export async function tenantSchemaDrift(client: pg.Client, schema: string, tables: readonly string[]): Promise<DriftItem[]> {
  const namespaces = [TEMPLATE_SCHEMA, schema];
  const columns = await rows<NamedRow>(
    client,
    `SELECT n.nspname AS namespace, c.relname AS "table", a.attname AS name
       FROM pg_attribute a
       JOIN pg_class c ON c.oid = a.attrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = ANY($1) AND c.relname = ANY($2) AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped`,
    [namespaces, tables],
  );
  // Indexes that back a constraint are reported as the constraint.
  const indexes = await rows<NamedRow>(
    client,
    `SELECT n.nspname AS namespace, c.relname AS "table", ic.relname AS name
       FROM pg_index i
       JOIN pg_class c ON c.oid = i.indrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_class ic ON ic.oid = i.indexrelid
      WHERE n.nspname = ANY($1) AND c.relname = ANY($2)
        AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid AND k.conrelid = i.indrelid)`,
    [namespaces, tables],
  );
  // NOT NULL constraints (contype 'n', PostgreSQL 18) follow their column.
  const constraints = await rows<NamedRow>(
    client,
    `SELECT n.nspname AS namespace, c.relname AS "table", k.conname AS name
       FROM pg_constraint k
       JOIN pg_class c ON c.oid = k.conrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = ANY($1) AND c.relname = ANY($2) AND k.contype IN ('p', 'u', 'c', 'x', 'f')`,
    [namespaces, tables],
  );
  const drift: DriftItem[] = [];
  const collect = (kind: DriftItem["kind"], found: NamedRow[]) => {
    const template = new Set(found.filter((row) => row.namespace === TEMPLATE_SCHEMA).map((row) => `${row.table}\u0000${row.name}`));
    for (const row of found) {
      if (row.namespace === schema && !template.has(`${row.table}\u0000${row.name}`)) drift.push({ kind, table: row.table, name: row.name });
    }
  };
  collect("column", columns);
  collect("index", indexes);
  collect("constraint", constraints);
  return drift.sort((a, b) => a.kind.localeCompare(b.kind) || a.table.localeCompare(b.table) || a.name.localeCompare(b.name));
}

/** One line per drift item, stored with the sync result as an SQL comment (it is not a statement that ran). */
export function describeDrift(item: DriftItem): string {
  return `-- drift (kept): ${item.kind} ${item.table}.${item.name} exists only in the tenant schema`;
}

/**
 * A session-level advisory lock on one tenant's schema for the length of a sync:
 * two syncs (the CLI and the job, or two job runs) never work on one tenant at
 * once; the second waits, then finds the schema current. Separate from the
 * provisioner's own transaction lock, which it takes while it runs inside this one.
 */
export async function lockTenantForSync(client: pg.Client, schema: string): Promise<void> {
  await client.query("SELECT pg_advisory_lock(hashtextextended($1, 0))", [`ebos:tenant-sync:${schema}`]);
}

export async function unlockTenantForSync(client: pg.Client, schema: string): Promise<void> {
  await client.query("SELECT pg_advisory_unlock(hashtextextended($1, 0))", [`ebos:tenant-sync:${schema}`]);
}
