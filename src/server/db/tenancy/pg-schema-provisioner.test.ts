import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uniqueSuffix } from "../../../../test/factories";
import { AUDITED_MODELS, TENANT_MODELS } from "../tenant-models";
import { PgSchemaProvisioner } from "./pg-schema-provisioner";
import { isTenantSchemaName, tenantSchemaName } from "./schema-name";

const TABLES = Object.keys(TENANT_MODELS).sort();
const provisioner = new PgSchemaProvisioner();
let admin: pg.Client;

beforeAll(async () => {
  admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
});

afterAll(async () => {
  await admin.end();
});

function target(teamId: string) {
  return { teamId, region: "global", tier: "SCHEMA" as const };
}

async function list<T>(text: string, values: unknown[]): Promise<T[]> {
  return (await admin.query(text, values)).rows as T[];
}

/** A comparable description of a schema's tenant tables, with the schema name taken out. */
async function shapeOf(schema: string) {
  const columns = await list<{ t: string; c: string; type: string; nn: boolean; def: string | null }>(
    `SELECT c.relname AS t, a.attname AS c, t.typname AS type, a.attnotnull AS nn,
            replace(pg_get_expr(d.adbin, d.adrelid), $1 || '.', '') AS def
       FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_type t ON t.oid = a.atttypid
       LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
      WHERE c.relnamespace = $1::regnamespace AND c.relname = ANY($2) AND a.attnum > 0 AND NOT a.attisdropped
      ORDER BY 1, a.attnum`,
    [schema, TABLES],
  );
  const indexes = await list<{ t: string; name: string; def: string }>(
    `SELECT c.relname AS t, ic.relname AS name, replace(pg_get_indexdef(i.indexrelid), ' ON ' || quote_ident($1) || '.', ' ON ') AS def
       FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_class ic ON ic.oid = i.indexrelid
      WHERE c.relnamespace = $1::regnamespace AND c.relname = ANY($2) ORDER BY 1, 2`,
    [schema, TABLES],
  );
  const constraints = await list<{ t: string; name: string; def: string; refSchema: string | null }>(
    `SELECT c.relname AS t, k.conname AS name, replace(pg_get_constraintdef(k.oid), quote_ident($1) || '.', '') AS def,
            rn.nspname AS "refSchema"
       FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
       LEFT JOIN pg_class rc ON rc.oid = k.confrelid LEFT JOIN pg_namespace rn ON rn.oid = rc.relnamespace
      WHERE c.relnamespace = $1::regnamespace AND c.relname = ANY($2) ORDER BY 1, 2`,
    [schema, TABLES],
  );
  const security = await list<{ t: string; enabled: boolean; forced: boolean }>(
    `SELECT relname AS t, relrowsecurity AS enabled, relforcerowsecurity AS forced
       FROM pg_class WHERE relnamespace = $1::regnamespace AND relname = ANY($2) AND relkind = 'r' ORDER BY 1`,
    [schema, TABLES],
  );
  const policies = await list<{ t: string; name: string; cmd: string; roles: string[]; qual: string | null; check: string | null }>(
    `SELECT tablename AS t, policyname AS name, cmd, roles::text[] AS roles, qual, with_check AS check
       FROM pg_policies WHERE schemaname = $1 AND tablename = ANY($2) ORDER BY 1, 2`,
    [schema, TABLES],
  );
  const triggers = await list<{ t: string; name: string }>(
    `SELECT c.relname AS t, tg.tgname AS name FROM pg_trigger tg JOIN pg_class c ON c.oid = tg.tgrelid
      WHERE c.relnamespace = $1::regnamespace AND c.relname = ANY($2) AND NOT tg.tgisinternal ORDER BY 1, 2`,
    [schema, TABLES],
  );
  const grants = await list<{ t: string; grantee: string; privilege: string }>(
    `SELECT c.relname AS t, pg_get_userbyid(g.grantee) AS grantee, g.privilege_type AS privilege
       FROM pg_class c, aclexplode(c.relacl) g
      WHERE c.relnamespace = $1::regnamespace AND c.relname = ANY($2) AND g.grantee <> c.relowner ORDER BY 1, 2, 3`,
    [schema, TABLES],
  );
  return { columns, indexes, constraints, security, policies, triggers, grants };
}

describe("tenantSchemaName", () => {
  it("keeps a cuid as is and makes anything else safe and distinct", () => {
    expect(tenantSchemaName("cm9x0abc123")).toBe("tenant_cm9x0abc123");
    const upper = tenantSchemaName("Team-A");
    const lower = tenantSchemaName("team_a");
    expect(upper).toMatch(/^tenant_team_a_[0-9a-f]{10}$/);
    expect(lower).toBe("tenant_team_a");
    expect(upper).not.toBe(lower);
    const hostile = tenantSchemaName(`x"; DROP SCHEMA public; --${"y".repeat(80)}`);
    expect(isTenantSchemaName(hostile)).toBe(true);
    expect(hostile.length).toBeLessThanOrEqual(63);
    expect(() => tenantSchemaName("")).toThrow();
  });
});

describe("PgSchemaProvisioner", () => {
  const teamId = `prov${uniqueSuffix()}`;
  const schema = tenantSchemaName(teamId);

  afterAll(async () => {
    await provisioner.deprovision(target(teamId));
  });

  it("creates every tenant table as a copy of public: columns, keys, indexes, RLS forced, policies, audit triggers, grants", async () => {
    const result = await provisioner.provision(target(teamId));
    expect(result.location).toBe(schema);
    expect(result.actions[0]).toBe(`CREATE SCHEMA "${schema}"`);

    const tenant = await shapeOf(schema);
    const template = await shapeOf("public");
    expect(tenant.security.map((row) => row.t)).toEqual(TABLES);
    expect(tenant.security.every((row) => row.enabled && row.forced)).toBe(true);
    expect(tenant.columns).toEqual(template.columns);
    expect(tenant.indexes).toEqual(template.indexes);
    expect(tenant.constraints.map(({ refSchema, ...rest }) => ({ ...rest, inside: refSchema === null || refSchema === schema }))).toEqual(
      template.constraints.map(({ refSchema, ...rest }) => ({ ...rest, inside: refSchema === null || refSchema === "public" })),
    );
    // Composite foreign keys point inside the tenant schema, never at public.
    const foreignKeys = tenant.constraints.filter((row) => row.refSchema !== null);
    expect(foreignKeys.length).toBeGreaterThanOrEqual(10);
    expect(foreignKeys.every((row) => row.refSchema === schema)).toBe(true);
    expect(tenant.policies).toEqual(template.policies);
    for (const table of TABLES) {
      expect(tenant.policies.filter((row) => row.t === table).map((row) => row.name)).toEqual(
        expect.arrayContaining(["platform_access", "tenant_isolation"]),
      );
    }
    expect(tenant.triggers).toEqual(template.triggers);
    expect(tenant.triggers.map((row) => row.t)).toEqual([...AUDITED_MODELS].sort());
    expect(tenant.grants).toEqual(template.grants);
    expect(tenant.grants.filter((row) => row.t === "AuditLog").map((row) => row.privilege)).toEqual(["SELECT", "SELECT"]);

    // Enums are the tenant schema's own (Prisma casts to "<schema>"."<Enum>").
    const [status] = await list<{ schema: string }>(
      `SELECT tn.nspname AS schema FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid JOIN pg_namespace tn ON tn.oid = t.typnamespace
        WHERE a.attrelid = $1::regclass AND a.attname = 'status'`,
      [`"${schema}"."Project"`],
    );
    expect(status?.schema).toBe(schema);
    const [usage] = await list<{ app: boolean; platform: boolean }>(
      `SELECT has_schema_privilege('eb_app', $1, 'USAGE') AS app, has_schema_privilege('eb_platform', $1, 'USAGE') AS platform`,
      [schema],
    );
    expect(usage).toEqual({ app: true, platform: true });
  });

  it("is a no-op on a complete schema", async () => {
    await provisioner.provision(target(teamId));
    expect((await provisioner.provision(target(teamId))).actions).toEqual([]);
  });

  it("completes a half-made schema", async () => {
    await provisioner.provision(target(teamId));
    const before = await shapeOf(schema);
    await admin.query(`DROP TABLE "${schema}"."TaskLabel"`);
    await admin.query(`DROP POLICY tenant_isolation ON "${schema}"."Invoice"`);
    await admin.query(`DROP TRIGGER audit_row ON "${schema}"."Customer"`);
    await admin.query(`ALTER TABLE "${schema}"."Task" NO FORCE ROW LEVEL SECURITY`);
    await admin.query(`REVOKE INSERT ON "${schema}"."Project" FROM eb_app`);
    await admin.query(`GRANT INSERT ON "${schema}"."AuditLog" TO eb_app`);

    const repaired = await provisioner.provision(target(teamId));
    expect(repaired.actions.some((sql) => sql.startsWith(`CREATE TABLE "${schema}"."TaskLabel"`))).toBe(true);
    expect(repaired.actions).toContain(`REVOKE INSERT ON TABLE "${schema}"."AuditLog" FROM eb_app`);
    expect(await shapeOf(schema)).toEqual(before);
    expect((await provisioner.provision(target(teamId))).actions).toEqual([]);
  });

  it("adds an enum label public gained and uses it in the same run (cast, default), keeping the labels' order", async () => {
    const other = `prov${uniqueSuffix()}`;
    const own = tenantSchemaName(other);
    try {
      await provisioner.provision(target(other));
      const project = `"${own}"."Project"`;
      const tenantEnum = `"${own}"."ProjectStatus"`;
      // An older tenant schema: its enum copy lacks a label public has (ARCHIVED), and
      // the column still has public's type (as LIKE leaves it) and holds that label.
      // Sync must add the label, then convert the column (USING … ::enum) and set its
      // default — uses of the new label PostgreSQL refuses in the transaction adding it.
      await admin.query(`ALTER TABLE ${project} ALTER COLUMN status DROP DEFAULT`);
      await admin.query(`ALTER TABLE ${project} ALTER COLUMN status TYPE public."ProjectStatus" USING status::text::public."ProjectStatus"`);
      await admin.query(`DROP TYPE ${tenantEnum}`);
      await admin.query(`CREATE TYPE ${tenantEnum} AS ENUM ('ACTIVE')`);
      await admin.query("BEGIN");
      await admin.query("SELECT set_config('app.team_id', $1, true)", [other]);
      await admin.query(`INSERT INTO ${project} (id, "teamId", name, status, "updatedAt") VALUES ('p-archived', $1, 'old', 'ARCHIVED', now())`, [other]);
      await admin.query("COMMIT");

      const synced = await provisioner.provision(target(other));
      expect(synced.actions).toContain(`ALTER TYPE ${tenantEnum} ADD VALUE IF NOT EXISTS 'ARCHIVED' AFTER 'ACTIVE'`);
      const [labels] = await list<{ labels: string[] }>(
        `SELECT array_agg(enumlabel::text ORDER BY enumsortorder) AS labels FROM pg_enum WHERE enumtypid = $1::regtype`,
        [tenantEnum],
      );
      const [template] = await list<{ labels: string[] }>(
        `SELECT array_agg(enumlabel::text ORDER BY enumsortorder) AS labels FROM pg_enum WHERE enumtypid = 'public."ProjectStatus"'::regtype`,
        [],
      );
      expect(labels?.labels).toEqual(template?.labels);
      const [column] = await list<{ type: string; def: string | null }>(
        `SELECT format_type(a.atttypid, a.atttypmod) AS type, pg_get_expr(d.adbin, d.adrelid) AS def
           FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
          WHERE a.attrelid = $1::regclass AND a.attname = 'status'`,
        [project],
      );
      const printed = `${own}."ProjectStatus"`; // a cuid-like schema name needs no quotes
      expect(column).toEqual({ type: printed, def: `'ACTIVE'::${printed}` });
      await admin.query("BEGIN");
      await admin.query("SELECT set_config('app.team_id', $1, true)", [other]);
      await admin.query(`INSERT INTO ${project} (id, "teamId", name, status, "updatedAt") VALUES ('p-new', $1, 'new', 'ARCHIVED', now())`, [other]);
      const stored = await admin.query<{ id: string; status: string }>(`SELECT id, status::text AS status FROM ${project} ORDER BY id`);
      await admin.query("COMMIT");
      expect(stored.rows).toEqual([
        { id: "p-archived", status: "ARCHIVED" },
        { id: "p-new", status: "ARCHIVED" },
      ]);
      expect((await provisioner.provision(target(other))).actions).toEqual([]);
    } finally {
      await admin.query("ROLLBACK").catch(() => undefined);
      await provisioner.deprovision(target(other));
    }
  });

  it("rolls back entirely when a step fails, and refuses tiers it does not serve", async () => {
    const other = `prov${uniqueSuffix()}`;
    const broken = new PgSchemaProvisioner({ tables: ["Project", "NoSuchTable"] });
    await expect(broken.provision(target(other))).rejects.toThrow(/NoSuchTable/);
    const [exists] = await list<{ n: number }>("SELECT count(*)::int AS n FROM pg_namespace WHERE nspname = $1", [tenantSchemaName(other)]);
    expect(exists?.n).toBe(0);
    await expect(provisioner.provision({ teamId: other, region: "global", tier: "ISOLATED" })).rejects.toThrow(/ISOLATED/);
  });

  it("deprovisions idempotently", async () => {
    const other = `prov${uniqueSuffix()}`;
    await provisioner.provision(target(other));
    await provisioner.deprovision(target(other));
    await provisioner.deprovision(target(other));
    const [exists] = await list<{ n: number }>("SELECT count(*)::int AS n FROM pg_namespace WHERE nspname = $1", [tenantSchemaName(other)]);
    expect(exists?.n).toBe(0);
  });
});
