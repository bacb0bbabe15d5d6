import pg from "pg";
import { loginClient } from "./login-client";
import { TENANT_MODELS } from "../tenant-models";
import type { ProvisionResult, ProvisionTarget, TenantProvisioner } from "./provisioner";
import { databaseUrlForRegion } from "./regions";
import { quoteIdent, quoteLiteral, tenantSchemaName } from "./schema-name";

/**
 * Provisions SCHEMA-tier storage: a schema `tenant_<id>` in the region's primary
 * database holding every tenant table with exactly the definition the `public`
 * copy has (columns, defaults, keys, indexes, composite foreign keys, row-level
 * security, policies, audit triggers, grants).
 *
 * Raw SQL on purpose: Prisma has no DDL API, and copying from the catalog (rather
 * than replaying migrations) keeps the tenant tables identical to what the
 * migrations built, hand-written SQL (RLS, triggers, pgvector) included.
 *
 * The catalog is read with search_path = pg_catalog, so every name PostgreSQL
 * prints (pg_get_*def) is schema-qualified and the rewrite of `public."T"` to
 * `"tenant_x"."T"` is exact. Enum types are copied into the tenant schema too:
 * Prisma qualifies its enum casts with the client's schema.
 *
 * The whole run is one transaction under an advisory lock, and each step only
 * creates what is missing, so a second run on a complete schema runs no DDL and a
 * schema left half-made by an older crash is completed. One exception: labels
 * added to an existing enum type are committed first, in a transaction of their
 * own, because PostgreSQL refuses any use of a label (a cast, a default, a
 * column's USING conversion) in the transaction that added it ("unsafe use of
 * new value"). Adding a label is harmless on its own and is not redone.
 */
export type PgSchemaProvisionerOptions = {
  /** Login URL of the region's server (needs CREATE on the database); defaults to DATABASE_URL_<REGION> or DATABASE_URL. */
  urlForRegion?: (region: string) => string;
  /** Tables to copy; defaults to every tenant model. */
  tables?: readonly string[];
};

const TEMPLATE_SCHEMA = "public";

type Sql = { text: string; values?: unknown[] };
type Exec = (statement: string) => Promise<void>;

export class PgSchemaProvisioner implements TenantProvisioner {
  private readonly urlForRegion: (region: string) => string;
  private readonly tables: readonly string[];

  constructor(options: PgSchemaProvisionerOptions = {}) {
    this.urlForRegion = options.urlForRegion ?? databaseUrlForRegion;
    this.tables = options.tables ?? Object.keys(TENANT_MODELS);
  }

  async provision(target: ProvisionTarget): Promise<ProvisionResult> {
    const schema = this.schemaOf(target);
    const actions: string[] = [];
    const run = (step: (client: pg.Client, exec: Exec) => Promise<void>) =>
      this.inTransaction(target, schema, async (client) => {
        await step(client, async (statement) => {
          await client.query(statement);
          actions.push(statement);
        });
      });
    // Enum labels first, committed on their own (see above); then everything else.
    await run((client, exec) => addMissingEnumLabels(client, exec, schema, this.tables));
    await run((client, exec) => provisionSchema(client, exec, schema, this.tables));
    return { location: schema, actions };
  }

  async deprovision(target: ProvisionTarget): Promise<void> {
    const schema = this.schemaOf(target);
    await this.inTransaction(target, schema, async (client) => {
      await client.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
    });
  }

  private schemaOf(target: ProvisionTarget): string {
    if (target.tier !== "SCHEMA") throw new Error(`The schema provisioner does not provision the ${target.tier} tier.`);
    return tenantSchemaName(target.teamId);
  }

  private async inTransaction(target: ProvisionTarget, schema: string, fn: (client: pg.Client) => Promise<void>): Promise<void> {
    // A connection of its own, as the login role: DDL needs rights the app's
    // pooled connections (SET ROLE eb_app) do not have, and provisioning is rare.
    const client = loginClient(this.urlForRegion(target.region), "ebos-provisioner");
    await client.connect();
    try {
      await client.query("BEGIN");
      try {
        await client.query("SET LOCAL search_path = pg_catalog");
        // Two provisioners of one team (a retried job) wait for each other.
        await client.query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [`ebos:tenant-schema:${schema}`]);
        await fn(client);
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw error;
      }
    } finally {
      await client.end();
    }
  }
}

async function rows<T>(client: pg.Client, sql: Sql): Promise<T[]> {
  const result = await client.query(sql.text, sql.values);
  return result.rows as T[];
}

type ColumnRow = { table: string; column: string; typeName: string; typeSchema: string; isEnum: boolean; formatted: string; notNull: boolean; default: string | null };

function columnsOf(schema: string, tables: readonly string[]): Sql {
  return {
    text: `SELECT c.relname AS "table", a.attname AS "column", t.typname AS "typeName", tn.nspname AS "typeSchema",
                  t.typtype = 'e' AS "isEnum", format_type(a.atttypid, a.atttypmod) AS "formatted",
                  a.attnotnull AS "notNull", pg_get_expr(d.adbin, d.adrelid) AS "default",
                  (t.typcategory = 'A' AND EXISTS (SELECT 1 FROM pg_type e WHERE e.oid = t.typelem AND e.typtype = 'e')) AS "enumArray"
             FROM pg_attribute a
             JOIN pg_class c ON c.oid = a.attrelid
             JOIN pg_namespace n ON n.oid = c.relnamespace
             JOIN pg_type t ON t.oid = a.atttypid
             JOIN pg_namespace tn ON tn.oid = t.typnamespace
             LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
            WHERE n.nspname = $1 AND c.relname = ANY($2) AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY c.relname, a.attnum`,
    values: [schema, tables],
  };
}

type EnumState = { name: string; wanted: string[]; existing: string[] | undefined };

/** Each enum's labels in the template, and in the tenant schema (undefined: no such type there yet). */
async function enumStates(client: pg.Client, schema: string, enumNames: readonly string[]): Promise<EnumState[]> {
  const enumLabels = await rows<{ schema: string; name: string; labels: string[] }>(client, {
    text: `SELECT n.nspname AS schema, t.typname AS name, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS labels
             FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace JOIN pg_enum e ON e.enumtypid = t.oid
            WHERE n.nspname = ANY($1) AND t.typname = ANY($2)
            GROUP BY n.nspname, t.typname`,
    values: [[TEMPLATE_SCHEMA, schema], enumNames],
  });
  return enumNames.map((name) => ({
    name,
    wanted: enumLabels.find((row) => row.schema === TEMPLATE_SCHEMA && row.name === name)?.labels ?? [],
    existing: enumLabels.find((row) => row.schema === schema && row.name === name)?.labels,
  }));
}

/** Adds the missing labels, each after the label it follows in the template, so the order matches too. */
async function addLabels(exec: Exec, type: string, wanted: readonly string[], existing: readonly string[]): Promise<void> {
  const have = new Set(existing);
  for (const [index, label] of wanted.entries()) {
    if (have.has(label)) continue;
    const previous = wanted[index - 1];
    const next = wanted.slice(index + 1).find((other) => have.has(other));
    const position = previous !== undefined ? ` AFTER ${quoteLiteral(previous)}` : next !== undefined ? ` BEFORE ${quoteLiteral(next)}` : "";
    await exec(`ALTER TYPE ${type} ADD VALUE IF NOT EXISTS ${quoteLiteral(label)}${position}`);
    have.add(label);
  }
}

/**
 * The labels the template's enum types gained since the tenant's copies were
 * made. Run in a transaction of its own, committed before provisionSchema, which
 * may use them (column conversions, defaults, constraint and index expressions).
 * Types the tenant schema does not have yet are left to provisionSchema.
 */
async function addMissingEnumLabels(client: pg.Client, exec: Exec, schema: string, tables: readonly string[]): Promise<void> {
  const columns = await rows<ColumnRow>(client, columnsOf(TEMPLATE_SCHEMA, tables));
  const enumNames = [...new Set(columns.filter((column) => column.isEnum).map((column) => column.typeName))];
  for (const { name, wanted, existing } of await enumStates(client, schema, enumNames)) {
    if (existing) await addLabels(exec, `${quoteIdent(schema)}.${quoteIdent(name)}`, wanted, existing);
  }
}

async function provisionSchema(client: pg.Client, exec: Exec, schema: string, tables: readonly string[]): Promise<void> {
  const target = quoteIdent(schema);
  const tableIn = (name: string) => `${target}.${quoteIdent(name)}`;
  const templateTable = (name: string) => `${TEMPLATE_SCHEMA}.${quoteIdent(name)}`;

  const publicTables = await rows<{ name: string }>(client, {
    text: `SELECT relname AS name FROM pg_class WHERE relnamespace = $1::regnamespace AND relname = ANY($2) AND relkind = 'r'`,
    values: [TEMPLATE_SCHEMA, tables],
  });
  const missingTemplates = tables.filter((table) => !publicTables.some((row) => row.name === table));
  if (missingTemplates.length > 0) throw new Error(`Tenant tables missing from ${TEMPLATE_SCHEMA}: ${missingTemplates.join(", ")}`);

  // 1. The schema.
  const [schemaRow] = await rows<{ exists: boolean }>(client, { text: "SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1) AS exists", values: [schema] });
  if (!schemaRow?.exists) await exec(`CREATE SCHEMA ${target}`);

  // 2. Enum types used by tenant columns, with the same labels in the same order.
  const templateColumns = await rows<ColumnRow & { enumArray: boolean }>(client, columnsOf(TEMPLATE_SCHEMA, tables));
  const enumArray = templateColumns.find((column) => column.enumArray);
  if (enumArray) throw new Error(`${enumArray.table}.${enumArray.column}: enum arrays are not supported by tenant schemas yet.`);
  const enumNames = [...new Set(templateColumns.filter((column) => column.isEnum).map((column) => column.typeName))];
  // Types are created here (their labels are usable at once); labels of existing
  // types were added and committed by addMissingEnumLabels before this transaction.
  for (const { name, wanted, existing } of await enumStates(client, schema, enumNames)) {
    if (!existing) await exec(`CREATE TYPE ${tableIn(name)} AS ENUM (${wanted.map(quoteLiteral).join(", ")})`);
    else await addLabels(exec, tableIn(name), wanted, existing);
  }
  const enumCast = (expression: string) =>
    enumNames.reduce((text, name) => text.split(`::${templateTable(name)}`).join(`::${tableIn(name)}`), expression);

  // 3. Tables (without indexes: those are copied by name below), then their columns.
  const existingTables = await rows<{ name: string }>(client, {
    text: `SELECT relname AS name FROM pg_class WHERE relnamespace = $1::regnamespace AND relname = ANY($2) AND relkind = 'r'`,
    values: [schema, tables],
  });
  for (const table of tables) {
    if (existingTables.some((row) => row.name === table)) continue;
    await exec(`CREATE TABLE ${tableIn(table)} (LIKE ${templateTable(table)} INCLUDING ALL EXCLUDING INDEXES)`);
  }
  const tenantColumns = await rows<ColumnRow>(client, columnsOf(schema, tables));
  for (const column of templateColumns) {
    const name = quoteIdent(column.column);
    const type = column.isEnum ? tableIn(column.typeName) : column.formatted;
    const current = tenantColumns.find((row) => row.table === column.table && row.column === column.column);
    if (!current) {
      // A column the template gained after this schema was made (e.g. pgvector's embeddingVec).
      const parts = [`ALTER TABLE ${tableIn(column.table)} ADD COLUMN ${name} ${type}`];
      if (column.default !== null) parts.push(`DEFAULT ${enumCast(column.default)}`);
      if (column.notNull) parts.push("NOT NULL");
      await exec(parts.join(" "));
      continue;
    }
    // A column whose type, default or nullability a migration changed since the
    // schema was made (LIKE also keeps the template's public enum types, which
    // Prisma's casts to the tenant's own would not match).
    const alter = `ALTER TABLE ${tableIn(column.table)} ALTER COLUMN ${name}`;
    const typeDiffers = column.isEnum
      ? current.typeSchema !== schema || current.typeName !== column.typeName || !current.isEnum
      : current.isEnum || current.formatted !== column.formatted;
    let currentDefault = current.default;
    if (typeDiffers) {
      // The old default may not cast to the new type: it is set again below.
      if (currentDefault !== null) await exec(`${alter} DROP DEFAULT`);
      currentDefault = null;
      await exec(`${alter} TYPE ${type} USING ${name}${column.isEnum || current.isEnum ? "::text" : ""}::${type}`);
    }
    const wantedDefault = column.default === null ? null : enumCast(column.default);
    // PostgreSQL prints identifiers quoted only where needed: compare without the quotes.
    const unquoted = (text: string | null) => (text === null ? null : text.replace(/"/g, ""));
    if (unquoted(wantedDefault) !== unquoted(currentDefault)) {
      await exec(wantedDefault === null ? `${alter} DROP DEFAULT` : `${alter} SET DEFAULT ${wantedDefault}`);
    }
    if (column.notNull !== current.notNull) await exec(`${alter} ${column.notNull ? "SET" : "DROP"} NOT NULL`);
  }

  // 4. Constraints and indexes, by name. Keys and checks first, then the plain
  //    (and unique) indexes that composite foreign keys point at, then the keys.
  type ConstraintRow = { table: string; name: string; type: string; definition: string; referenced: string | null };
  const constraintsOf = (namespace: string) =>
    rows<ConstraintRow>(client, {
      text: `SELECT c.relname AS "table", k.conname AS name, k.contype::text AS type, pg_get_constraintdef(k.oid) AS definition,
                    rc.relname AS referenced
               FROM pg_constraint k
               JOIN pg_class c ON c.oid = k.conrelid
               LEFT JOIN pg_class rc ON rc.oid = k.confrelid
              WHERE c.relnamespace = $1::regnamespace AND c.relname = ANY($2) AND k.contype IN ('p', 'u', 'c', 'x', 'f')
              ORDER BY c.relname, k.conname`,
      values: [namespace, tables],
    });
  const templateConstraints = await constraintsOf(TEMPLATE_SCHEMA);
  const tenantConstraints = await constraintsOf(schema);
  const hasConstraint = (row: ConstraintRow) => tenantConstraints.some((own) => own.table === row.table && own.name === row.name);
  for (const row of templateConstraints.filter((row) => row.type !== "f" && !hasConstraint(row))) {
    await exec(`ALTER TABLE ${tableIn(row.table)} ADD CONSTRAINT ${quoteIdent(row.name)} ${enumCast(row.definition)}`);
  }

  type IndexRow = { table: string; name: string; definition: string };
  const indexesOf = (namespace: string) =>
    rows<IndexRow>(client, {
      text: `SELECT c.relname AS "table", ic.relname AS name, pg_get_indexdef(i.indexrelid) AS definition
               FROM pg_index i
               JOIN pg_class c ON c.oid = i.indrelid
               JOIN pg_class ic ON ic.oid = i.indexrelid
              WHERE c.relnamespace = $1::regnamespace AND c.relname = ANY($2)
                AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid AND k.conrelid = i.indrelid)
              ORDER BY c.relname, ic.relname`,
      values: [namespace, tables],
    });
  const tenantIndexNames = new Set((await indexesOf(schema)).map((row) => row.name));
  for (const row of await indexesOf(TEMPLATE_SCHEMA)) {
    if (tenantIndexNames.has(row.name)) continue;
    await exec(enumCast(rewriteOn(row.definition, templateTable(row.table), tableIn(row.table))));
  }

  for (const row of templateConstraints.filter((row) => row.type === "f" && !hasConstraint(row))) {
    if (row.referenced === null || !tables.includes(row.referenced)) {
      throw new Error(`${row.table}.${row.name} points outside the tenant tables (${row.referenced ?? "?"}): it cannot live in a tenant schema.`);
    }
    const from = `REFERENCES ${templateTable(row.referenced)}(`;
    if (!row.definition.includes(from)) throw new Error(`Unexpected foreign key definition for ${row.table}.${row.name}: ${row.definition}`);
    const definition = row.definition.replace(from, `REFERENCES ${tableIn(row.referenced)}(`);
    await exec(`ALTER TABLE ${tableIn(row.table)} ADD CONSTRAINT ${quoteIdent(row.name)} ${definition}`);
  }

  // 5. Row-level security, enabled and forced like the template.
  const security = await rows<{ table: string; enabled: boolean; forced: boolean; namespace: string }>(client, {
    text: `SELECT c.relname AS "table", c.relrowsecurity AS enabled, c.relforcerowsecurity AS forced, n.nspname AS namespace
             FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = ANY($1) AND c.relname = ANY($2) AND c.relkind = 'r'`,
    values: [[TEMPLATE_SCHEMA, schema], tables],
  });
  for (const table of tables) {
    const template = security.find((row) => row.namespace === TEMPLATE_SCHEMA && row.table === table);
    const own = security.find((row) => row.namespace === schema && row.table === table);
    if (template?.enabled && !own?.enabled) await exec(`ALTER TABLE ${tableIn(table)} ENABLE ROW LEVEL SECURITY`);
    if (template?.forced && !own?.forced) await exec(`ALTER TABLE ${tableIn(table)} FORCE ROW LEVEL SECURITY`);
  }

  // 6. Policies: same name, command, roles and expressions; a differing one is replaced.
  type PolicyRow = { table: string; name: string; permissive: boolean; command: string; roles: string[]; using: string | null; check: string | null };
  const policiesOf = (namespace: string) =>
    rows<PolicyRow>(client, {
      text: `SELECT c.relname AS "table", p.polname AS name, p.polpermissive AS permissive, p.polcmd::text AS command,
                    ARRAY(SELECT CASE WHEN r = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(r)) END FROM unnest(p.polroles) AS r ORDER BY 1) AS roles,
                    pg_get_expr(p.polqual, p.polrelid) AS using, pg_get_expr(p.polwithcheck, p.polrelid) AS check
               FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid
              WHERE c.relnamespace = $1::regnamespace AND c.relname = ANY($2)
              ORDER BY c.relname, p.polname`,
      values: [namespace, tables],
    });
  const tenantPolicies = await policiesOf(schema);
  const commands: Record<string, string> = { "*": "ALL", r: "SELECT", a: "INSERT", w: "UPDATE", d: "DELETE" };
  for (const policy of await policiesOf(TEMPLATE_SCHEMA)) {
    const own = tenantPolicies.find((row) => row.table === policy.table && row.name === policy.name);
    const same =
      own !== undefined &&
      own.permissive === policy.permissive &&
      own.command === policy.command &&
      own.roles.join(",") === policy.roles.join(",") &&
      own.using === policy.using &&
      own.check === policy.check;
    if (same) continue;
    if (own) await exec(`DROP POLICY ${quoteIdent(policy.name)} ON ${tableIn(policy.table)}`);
    const command = commands[policy.command];
    if (!command) throw new Error(`Unknown policy command ${policy.command} on ${policy.table}.${policy.name}`);
    const parts = [
      `CREATE POLICY ${quoteIdent(policy.name)} ON ${tableIn(policy.table)}`,
      `AS ${policy.permissive ? "PERMISSIVE" : "RESTRICTIVE"} FOR ${command} TO ${policy.roles.join(", ")}`,
    ];
    if (policy.using !== null) parts.push(`USING (${policy.using})`);
    if (policy.check !== null) parts.push(`WITH CHECK (${policy.check})`);
    await exec(parts.join(" "));
  }

  // 7. Triggers (the audit trail of AUDITED_MODELS): eb_audit_row writes to the
  //    AuditLog of the audited row's own schema, so the tenant's trail stays in it.
  type TriggerRow = { table: string; name: string; definition: string };
  const triggersOf = (namespace: string) =>
    rows<TriggerRow>(client, {
      text: `SELECT c.relname AS "table", t.tgname AS name, pg_get_triggerdef(t.oid) AS definition
               FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
              WHERE c.relnamespace = $1::regnamespace AND c.relname = ANY($2) AND NOT t.tgisinternal
              ORDER BY c.relname, t.tgname`,
      values: [namespace, tables],
    });
  const tenantTriggers = await triggersOf(schema);
  for (const trigger of await triggersOf(TEMPLATE_SCHEMA)) {
    if (tenantTriggers.some((row) => row.table === trigger.table && row.name === trigger.name)) continue;
    await exec(rewriteOn(trigger.definition, templateTable(trigger.table), tableIn(trigger.table)));
  }

  // 8. Grants: the same table privileges for the same roles (eb_app, eb_platform;
  //    AuditLog read-only), and USAGE on the schema for them.
  type GrantRow = { table: string; grantee: string; privilege: string };
  const grantsOf = (namespace: string) =>
    rows<GrantRow>(client, {
      text: `SELECT c.relname AS "table", CASE WHEN g.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(g.grantee)) END AS grantee,
                    g.privilege_type AS privilege
               FROM pg_class c, aclexplode(c.relacl) AS g
              WHERE c.relnamespace = $1::regnamespace AND c.relname = ANY($2) AND g.grantee <> c.relowner
              ORDER BY 1, 2, 3`,
      values: [namespace, tables],
    });
  const key = (row: GrantRow) => `${row.table}\u0000${row.grantee}\u0000${row.privilege}`;
  const templateGrants = await grantsOf(TEMPLATE_SCHEMA);
  const tenantGrants = await grantsOf(schema);
  const wanted = new Set(templateGrants.map(key));
  const held = new Set(tenantGrants.map(key));
  for (const row of templateGrants.filter((row) => !held.has(key(row)))) {
    await exec(`GRANT ${row.privilege} ON TABLE ${tableIn(row.table)} TO ${row.grantee}`);
  }
  for (const row of tenantGrants.filter((row) => !wanted.has(key(row)))) {
    await exec(`REVOKE ${row.privilege} ON TABLE ${tableIn(row.table)} FROM ${row.grantee}`);
  }
  const usage = await rows<{ grantee: string }>(client, {
    text: `SELECT quote_ident(pg_get_userbyid(g.grantee)) AS grantee
             FROM pg_namespace n, aclexplode(n.nspacl) AS g
            WHERE n.nspname = $1 AND g.privilege_type = 'USAGE' AND g.grantee <> 0`,
    values: [schema],
  });
  const roles = [...new Set(templateGrants.map((row) => row.grantee).filter((grantee) => grantee !== "PUBLIC"))].sort();
  for (const role of roles.filter((role) => !usage.some((row) => row.grantee === role))) {
    await exec(`GRANT USAGE ON SCHEMA ${target} TO ${role}`);
  }
}

/** `… ON public."T" …` → `… ON "tenant_x"."T" …` in a printed index or trigger definition. */
function rewriteOn(definition: string, from: string, to: string): string {
  const marker = ` ON ${from} `;
  if (!definition.includes(marker)) throw new Error(`Unexpected definition (no "${marker.trim()}"): ${definition}`);
  return definition.replace(marker, ` ON ${to} `);
}
