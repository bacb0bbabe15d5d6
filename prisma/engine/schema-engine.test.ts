// Integration tests for the schema-engine stand-in: the real Prisma CLI, run as a child
// process, against the real PostgreSQL server. Every test works in its own throwaway
// databases (dropped afterwards) and temp folders; the repository's prisma/ folder is
// only read.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { schemaEngineStandInPath, selectSchemaEngine } from "./locate";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const PRISMA_CLI = path.join(ROOT, "node_modules", "prisma", "build", "index.js");
const STAND_IN = schemaEngineStandInPath();
const REAL_MIGRATIONS = path.join(ROOT, "prisma", "migrations");
const REAL_SCHEMA = path.join(ROOT, "prisma", "schema.prisma");
// The server to create throwaway databases on (no database name).
const SERVER_URL = (process.env.SCHEMA_ENGINE_TEST_PG_URL ?? "postgresql://postgres@127.0.0.1:5432").replace(/\/+$/, "");

const createdDatabases: string[] = [];
const tempDirs: string[] = [];

function urlFor(database: string): string {
  return `${SERVER_URL}/${database}`;
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: urlFor("postgres") });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function createDatabase(): Promise<string> {
  const name = `se_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  await admin((c) => c.query(`CREATE DATABASE "${name}"`));
  createdDatabases.push(name);
  return name;
}

async function query<R extends pg.QueryResultRow>(database: string, sql: string): Promise<R[]> {
  const client = new pg.Client({ connectionString: urlFor(database) });
  await client.connect();
  try {
    return (await client.query<R>(sql)).rows;
  } finally {
    await client.end();
  }
}

function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "schema-engine-test-"));
  tempDirs.push(dir);
  return dir;
}

/** A temp project: copies of schema.prisma and migrations/, and a config pointing at them. */
function tempProject(): { dir: string; schema: string; migrations: string; config: string } {
  const dir = tempDir();
  const schema = path.join(dir, "schema.prisma");
  const migrations = path.join(dir, "migrations");
  const config = path.join(dir, "prisma.config.mjs");
  cpSync(REAL_SCHEMA, schema);
  cpSync(REAL_MIGRATIONS, migrations, { recursive: true });
  writeFileSync(
    config,
    `export default {
  schema: "schema.prisma",
  migrations: { path: "migrations" },
  datasource: { url: process.env.DATABASE_URL },
};
`,
  );
  return { dir, schema, migrations, config };
}

type CliResult = { code: number | null; stdout: string; stderr: string; output: string };

function run(command: string, args: string[], opts: { cwd: string; env: Record<string, string>; input?: string }): Promise<CliResult> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of ["PRISMA_SCHEMA_ENGINE_BINARY", "DATABASE_URL", "FORCE_COLOR"]) delete env[key];
  Object.assign(env, { NO_COLOR: "1", PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" }, opts.env);
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: opts.cwd, env, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), 45_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, output: `${stdout}\n${stderr}` });
    });
    child.stdin.end(opts.input ?? "");
  });
}

/** Runs the Prisma CLI. `standIn: false` leaves PRISMA_SCHEMA_ENGINE_BINARY unset. */
function prisma(
  args: string[],
  opts: { cwd?: string; databaseUrl: string; standIn?: boolean; input?: string },
): Promise<CliResult> {
  const env: Record<string, string> = { DATABASE_URL: opts.databaseUrl };
  if (opts.standIn !== false) env.PRISMA_SCHEMA_ENGINE_BINARY = STAND_IN;
  return run(process.execPath, [PRISMA_CLI, ...args], { cwd: opts.cwd ?? ROOT, env, input: opts.input });
}

function migrationNames(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

const WIDGET_MODEL = `
model Widget {
  id   Int    @id @default(autoincrement())
  name String @unique
}
`;

afterAll(async () => {
  await admin(async (client) => {
    for (const name of createdDatabases) await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  });
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

describe("schema-engine stand-in", () => {
  it("is what selectSchemaEngine() selects when no native engine is installed", () => {
    const saved = process.env.PRISMA_SCHEMA_ENGINE_BINARY;
    try {
      process.env.PRISMA_SCHEMA_ENGINE_BINARY = "/somewhere/else";
      selectSchemaEngine();
      expect(process.env.PRISMA_SCHEMA_ENGINE_BINARY).toBe("/somewhere/else");

      delete process.env.PRISMA_SCHEMA_ENGINE_BINARY;
      selectSchemaEngine();
      const native = [
        path.join(ROOT, "node_modules", "@prisma", "engines"),
        path.join(ROOT, "node_modules", "prisma"),
      ].some((dir) => readdirSync(dir).some((name) => name.startsWith("schema-engine-")));
      expect(process.env.PRISMA_SCHEMA_ENGINE_BINARY).toBe(native ? undefined : STAND_IN);
      expect(path.isAbsolute(STAND_IN) && existsSync(STAND_IN)).toBe(true);
    } finally {
      if (saved === undefined) delete process.env.PRISMA_SCHEMA_ENGINE_BINARY;
      else process.env.PRISMA_SCHEMA_ENGINE_BINARY = saved;
    }
  });

  it("migrate status / deploy / diff through prisma.config.ts: pending, then applied, then no drift", async () => {
    const db = await createDatabase();
    const databaseUrl = urlFor(db);
    // The repository's own prisma.config.ts, without PRISMA_SCHEMA_ENGINE_BINARY: the
    // CLI only finds an engine because the config selected the stand-in.
    const opts = { databaseUrl, standIn: false };
    const expected = migrationNames(REAL_MIGRATIONS);

    const before = await prisma(["migrate", "status"], opts);
    expect(before.code).not.toBe(0);
    expect(before.output).toContain("have not yet been applied");
    for (const name of expected) expect(before.output).toContain(name);

    const deploy = await prisma(["migrate", "deploy"], opts);
    expect(deploy.output).toContain("All migrations have been successfully applied");
    expect(deploy.code).toBe(0);
    const applied = await query<{ migration_name: string }>(
      db,
      `SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`,
    );
    expect(applied.map((r) => r.migration_name)).toEqual(expected);

    const after = await prisma(["migrate", "status"], opts);
    expect(after.output).toContain("Database schema is up to date!");
    expect(after.code).toBe(0);

    const fromMigrations = await prisma(
      ["migrate", "diff", "--from-migrations", "prisma/migrations", "--to-schema", "prisma/schema.prisma", "--exit-code"],
      opts,
    );
    expect(fromMigrations.output).toContain("No difference detected");
    expect(fromMigrations.code).toBe(0);

    const fromLive = await prisma(
      ["migrate", "diff", "--from-config-datasource", "--to-schema", "prisma/schema.prisma", "--exit-code"],
      opts,
    );
    expect(fromLive.output).toContain("No difference detected");
    expect(fromLive.code).toBe(0);
  }, 60_000);

  it("migrate diff --exit-code exits 2 for a schema change that has no migration", async () => {
    const db = await createDatabase();
    const project = tempProject();
    writeFileSync(project.schema, readFileSync(project.schema, "utf8") + WIDGET_MODEL);
    const opts = { cwd: project.dir, databaseUrl: urlFor(db) };

    const fromMigrations = await prisma(
      ["migrate", "diff", "--config", project.config, "--from-migrations", "migrations", "--to-schema", "schema.prisma", "--exit-code"],
      opts,
    );
    expect(fromMigrations.stdout).toContain("Widget");
    expect(fromMigrations.code).toBe(2);

    expect((await prisma(["migrate", "deploy", "--config", project.config], opts)).code).toBe(0);
    const script = await prisma(
      ["migrate", "diff", "--config", project.config, "--from-config-datasource", "--to-schema", "schema.prisma", "--script", "--exit-code"],
      opts,
    );
    expect(script.stdout).toContain('CREATE TABLE "Widget"');
    expect(script.code).toBe(2);
  }, 60_000);

  it("a failing migration is rolled back as a whole and reported as failed", async () => {
    const db = await createDatabase();
    const project = tempProject();
    const broken = "29991231000000_broken";
    const dir = path.join(project.migrations, broken);
    mkdirSync(dir);
    writeFileSync(
      path.join(dir, "migration.sql"),
      `CREATE TABLE "Broken" ("id" INTEGER PRIMARY KEY);
CREATE FUNCTION broken_fn() RETURNS integer LANGUAGE plpgsql AS $$
BEGIN
  RETURN 1; -- a ';' inside the function body
END;
$$;
DO $$ BEGIN INSERT INTO "Broken" VALUES (1); END $$;
SELECT * FROM "no_such_table";
`,
    );
    const opts = { cwd: project.dir, databaseUrl: urlFor(db) };

    const deploy = await prisma(["migrate", "deploy", "--config", project.config], opts);
    expect(deploy.code).not.toBe(0);
    expect(deploy.output).toContain("P3018");
    expect(deploy.output).toContain(`Migration name: ${broken}`);
    expect(deploy.output).toContain('relation "no_such_table" does not exist');

    const [objects] = await query<{ tbl: string | null; fn: string | null; project: string | null }>(
      db,
      `SELECT to_regclass('public."Broken"')::text AS tbl, to_regproc('public.broken_fn')::text AS fn,
              to_regclass('public."Project"')::text AS project`,
    );
    expect(objects).toEqual({ tbl: null, fn: null, project: '"Project"' });
    const rows = await query<{ migration_name: string; finished: boolean; logs: string | null }>(
      db,
      `SELECT migration_name, finished_at IS NOT NULL AS finished, logs FROM _prisma_migrations WHERE migration_name = '${broken}'`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]?.finished).toBe(false);
    expect(rows[0]?.logs ?? "").not.toBe("");

    const status = await prisma(["migrate", "status", "--config", project.config], opts);
    expect(status.code).not.toBe(0);
    expect(status.output).toContain("Following migration have failed");
    expect(status.output).toContain(broken);

    const again = await prisma(["migrate", "deploy", "--config", project.config], opts);
    expect(again.code).not.toBe(0);
    expect(again.output).toContain("P3009");
  }, 60_000);

  it("migrate dev --create-only writes a migration for a new model (shadow database included)", async () => {
    const db = await createDatabase();
    const project = tempProject();
    writeFileSync(project.schema, readFileSync(project.schema, "utf8") + WIDGET_MODEL);
    const realBefore = migrationNames(REAL_MIGRATIONS);
    const before = migrationNames(project.migrations);

    const dev = await prisma(["migrate", "dev", "--config", project.config, "--create-only", "--name", "widgets"], {
      cwd: project.dir,
      databaseUrl: urlFor(db),
    });
    expect(dev.code).toBe(0);
    const added = migrationNames(project.migrations).filter((name) => !before.includes(name));
    expect(added).toHaveLength(1);
    expect(added[0]).toMatch(/^\d{14}_widgets$/);
    const sql = readFileSync(path.join(project.migrations, added[0] ?? "", "migration.sql"), "utf8");
    expect(sql).toContain('CREATE TABLE "Widget"');
    expect(sql).toContain('CREATE UNIQUE INDEX "Widget_name_key"');
    expect(migrationNames(REAL_MIGRATIONS)).toEqual(realBefore);
    // --create-only does not apply the new migration.
    const [widget] = await query<{ t: string | null }>(db, `SELECT to_regclass('public."Widget"')::text AS t`);
    expect(widget?.t ?? null).toBeNull();
  }, 60_000);

  it("reports an unreachable database with P1001, without hanging or leaking the password", async () => {
    const secret = "S3cretPassw0rd";
    const url = `postgresql://postgres:${secret}@127.0.0.1:1/nowhere`;

    const cli = await run(process.execPath, [STAND_IN, "--datasource", JSON.stringify({ url }), "cli", "can-connect-to-database"], {
      cwd: ROOT,
      env: {},
    });
    expect(cli.code).not.toBe(0);
    const lines = cli.stderr.trim().split("\n");
    // The Prisma CLI skips the first line and parses the others as JSON.
    const logged = lines.slice(1).map((line) => JSON.parse(line) as { level: string; target: string; fields: { message: string; error_code?: string } });
    const error = logged.find((entry) => entry.level === "ERROR" && entry.target === "schema_engine::logger");
    expect(error?.fields.error_code).toBe("P1001");
    expect(error?.fields.message).toContain("Can't reach database server at `127.0.0.1:1`");
    expect(cli.stderr).not.toContain(secret);

    // JSON-RPC mode: the engine answers with an error the CLI prints.
    const diff = await prisma(["migrate", "diff", "--from-config-datasource", "--to-empty", "--exit-code"], { databaseUrl: url });
    expect(diff.code).toBe(1);
    expect(diff.output).toContain("P1001");
    expect(diff.output).toContain("Can't reach database server");
    expect(diff.output).not.toContain(secret);

    const status = await prisma(["migrate", "status"], { databaseUrl: url });
    expect(status.code).not.toBe(0);
    expect(status.output).toContain("P1001");
    expect(status.output).not.toContain(secret);
  }, 60_000);

  it("db execute runs a script with $$ bodies in one piece; migrate reset --force rebuilds the database", async () => {
    const db = await createDatabase();
    const opts = { databaseUrl: urlFor(db) };
    const script = `CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT);
CREATE FUNCTION t_fill() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.v := coalesce(NEW.v, 'a;b');
  RETURN NEW;
END;
$$;
CREATE TRIGGER t_fill BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION t_fill();
ALTER TABLE t ENABLE ROW LEVEL SECURITY;
CREATE POLICY t_policy ON t USING (v IS NOT NULL);
DO $body$ BEGIN INSERT INTO t (id) VALUES (1); END $body$;
`;
    const exec = await prisma(["db", "execute", "--stdin"], { ...opts, input: script });
    expect(exec.output).toContain("Script executed successfully");
    expect(exec.code).toBe(0);
    expect(await query<{ id: number; v: string }>(db, "SELECT id, v FROM t")).toEqual([{ id: 1, v: "a;b" }]);

    const bad = await prisma(["db", "execute", "--stdin"], { ...opts, input: "SELECT 1; SELEC 2;" });
    expect(bad.code).not.toBe(0);
    expect(bad.output).toContain('syntax error at or near "SELEC"');

    const reset = await prisma(["migrate", "reset", "--force"], opts);
    expect(reset.output).toContain("Database reset successful");
    expect(reset.code).toBe(0);
    const [after] = await query<{ t: string | null; project: string | null }>(
      db,
      `SELECT to_regclass('public.t')::text AS t, to_regclass('public."Project"')::text AS project`,
    );
    expect(after).toEqual({ t: null, project: '"Project"' });
  }, 60_000);
});
