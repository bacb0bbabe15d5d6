/**
 * Tier migration throughput (part of `npm run bench`; alone: `npx tsx bench/tenancy-migration.ts`).
 *
 * One team with BENCH_MIGRATION_ROWS rows (default 1,000,000) in the shared
 * tables, spread as a busy team's would be: tasks, their comments and chat
 * messages make up most of it, plus document chunks with 768-dimension
 * embeddings, projects, columns, conversations and documents. Then, in one run
 * on one fresh database:
 *   - baseline: per table, `COPY (SELECT … WHERE "teamId" = …) TO STDOUT` piped
 *     into `COPY tenant_<id>."T" FROM STDIN` (two psql processes), into a schema
 *     the real provisioner made, so indexes, keys and triggers are the same;
 *   - the engine: startTenantMigration + runTenantMigration SHARED → SCHEMA
 *     (settleMs 0, its default batch size), end to end (lock, provision, copy,
 *     verify, switch, unlock) and its copy phase alone.
 * Prints rows/s of each and the ratio engine ÷ COPY (target ≥ 0.5).
 *
 * Runs in a process of its own (bench/run.ts spawns it): the server modules read
 * DATABASE_URL once, and it points at this bench's scratch database.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { dbUrl, SERVER_URL, withClient } from "./scratch-db";

const ROWS = Number(process.env.BENCH_MIGRATION_ROWS ?? 1_000_000);
const EMBEDDING_DIMS = 768;

/** How many rows each table gets: most in tasks, comments and chat, the rest in document chunks. */
function plan(total: number): Record<string, number> {
  const fixed = { Project: 20, TaskColumn: 4 };
  const share = (fraction: number) => Math.max(1, Math.round(total * fraction));
  const counts = {
    ...fixed,
    Task: share(0.25),
    TaskComment: share(0.4),
    ChatConversation: share(0.002),
    ChatMessage: share(0.25),
    Document: share(0.001),
  };
  const used = Object.values(counts).reduce((sum, n) => sum + n, 0);
  return { ...counts, DocumentChunk: Math.max(1, total - used) };
}

/**
 * Seeds the team's rows with INSERT … SELECT generate_series (the server builds
 * them; a million rows through the client would take minutes). Composite keys
 * (teamId, id) are respected: every child points at a parent of the same team.
 * The audit trigger is quiet (app.copying), as a bulk import's would be.
 */
async function seed(client: pg.Client, teamId: string, userId: string, counts: Record<string, number>): Promise<void> {
  const n = (table: string) => counts[table] ?? 0;
  const t = pg.escapeLiteral(teamId);
  const u = pg.escapeLiteral(userId);
  await client.query("BEGIN");
  await client.query("SELECT set_config('app.team_id', $1, true), set_config('app.copying', 'on', true)", [teamId]);
  const statements = [
    `INSERT INTO "Project" (id, "teamId", name, description, "createdById", "updatedAt")
       SELECT 'proj' || lpad(g::text, 4, '0'), ${t}, 'Project ' || g, repeat('Project description. ', 5), ${u}, now()
         FROM generate_series(0, ${n("Project") - 1}) g`,
    `INSERT INTO "TaskColumn" (id, "teamId", name, category, position, "updatedAt")
       SELECT 'col' || g, ${t}, (ARRAY['To do','Doing','Review','Done'])[g + 1],
              (ARRAY['TODO','IN_PROGRESS','IN_PROGRESS','DONE'])[g + 1]::"TaskCategory", g, now()
         FROM generate_series(0, 3) g`,
    `INSERT INTO "Task" (id, "teamId", "projectId", "columnId", title, description, priority, "assigneeId", "dueDate", rank, "createdById", "createdAt", "updatedAt")
       SELECT 'task' || lpad(g::text, 9, '0'), ${t}, 'proj' || lpad((g % ${n("Project")})::text, 4, '0'), 'col' || (g % 4),
              'Task number ' || g, CASE WHEN g % 3 = 0 THEN NULL ELSE repeat('Steps to do and acceptance criteria. ', 4) END,
              (ARRAY['LOW','MEDIUM','HIGH','URGENT'])[g % 4 + 1]::"TaskPriority", CASE WHEN g % 2 = 0 THEN ${u} END,
              CASE WHEN g % 5 = 0 THEN now() + (g % 60) * interval '1 day' END, lpad(g::text, 9, '0'), ${u},
              now() - (g % 1000) * interval '1 hour', now()
         FROM generate_series(0, ${n("Task") - 1}) g`,
    `INSERT INTO "TaskComment" (id, "teamId", "taskId", "authorId", body, "createdAt", "updatedAt")
       SELECT 'tcom' || lpad(g::text, 9, '0'), ${t}, 'task' || lpad((g % ${n("Task")})::text, 9, '0'), ${u},
              'Comment ' || g || ': ' || repeat('looks good, one more change please. ', 1 + g % 4), now() - (g % 500) * interval '1 hour', now()
         FROM generate_series(0, ${n("TaskComment") - 1}) g`,
    `INSERT INTO "ChatConversation" (id, "teamId", "userId", title, "updatedAt")
       SELECT 'conv' || lpad(g::text, 7, '0'), ${t}, ${u}, 'Conversation ' || g, now()
         FROM generate_series(0, ${n("ChatConversation") - 1}) g`,
    `INSERT INTO "ChatMessage" (id, "teamId", "conversationId", role, content, citations, provider, grounded, "createdAt")
       SELECT 'cmsg' || lpad(g::text, 9, '0'), ${t}, 'conv' || lpad((g % ${n("ChatConversation")})::text, 7, '0'),
              CASE WHEN g % 2 = 0 THEN 'user' ELSE 'assistant' END,
              CASE WHEN g % 2 = 0 THEN 'What does the contract say about payment terms, number ' || g || '?'
                   ELSE repeat('According to the documents, the payment terms are thirty days. ', 4) END,
              CASE WHEN g % 2 = 1 THEN jsonb_build_array(jsonb_build_object('chunkId', 'chunk' || g, 'documentName', 'contract.pdf', 'page', g % 40, 'excerpt', 'Payment is due within thirty days of the invoice date.')) END,
              CASE WHEN g % 2 = 1 THEN 'gemini' END, CASE WHEN g % 2 = 1 THEN true END, now() - (g % 800) * interval '1 minute'
         FROM generate_series(0, ${n("ChatMessage") - 1}) g`,
    `INSERT INTO "Document" (id, "teamId", name, "mimeType", "sizeBytes", "storageKey", sha256, status, "pageCount", "chunkCount", "uploadedById", "updatedAt")
       SELECT 'doc' || lpad(g::text, 7, '0'), ${t}, 'document-' || g || '.pdf', 'application/pdf', 250000, 'docs/' || g, md5(g::text) || md5(g::text),
              'READY'::"DocumentStatus", 40, ${Math.ceil(n("DocumentChunk") / n("Document"))}, ${u}, now()
         FROM generate_series(0, ${n("Document") - 1}) g`,
    // One embedding for every chunk: building 768 random reals per row would make seeding the slow part.
    `INSERT INTO "DocumentChunk" (id, "teamId", "documentId", index, content, page, section, "tokenCount", embedding, "embeddingModel")
       SELECT 'chunk' || lpad(g::text, 9, '0'), ${t}, 'doc' || lpad((g % ${n("Document")})::text, 7, '0'), g / ${n("Document")},
              repeat('The supplier shall deliver the goods within the agreed period. ', 12), 1 + (g / ${n("Document")}) % 40, 'Section ' || (g % 12),
              180, e.v, 'text-embedding-004'
         FROM generate_series(0, ${n("DocumentChunk") - 1}) g,
              (SELECT ARRAY(SELECT (random() * 2 - 1)::real FROM generate_series(1, ${EMBEDDING_DIMS}))::real[] AS v) e`,
  ];
  for (const statement of statements) await client.query(statement);
  await client.query("COMMIT");
  await client.query("ANALYZE");
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): { child: ReturnType<typeof spawn>; done: Promise<void> } {
  const child = spawn(command, args, { env, stdio: ["pipe", "pipe", "pipe"] });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<void>((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${command} exited with ${code}: ${stderr.trim()}`))));
  });
  return { child, done };
}

/** The baseline: each table's team rows streamed by COPY from one psql into COPY FROM STDIN of another. */
type Place = { url: string; schema: string };

async function copyBaseline(from: Place, to: Place, teamId: string, tables: readonly string[], columnsOf: (table: string) => string[]): Promise<void> {
  const psql = (url: string) => ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", url, "-c"];
  for (const table of tables) {
    const columns = columnsOf(table)
      .map((column) => `"${column}"`)
      .join(", ");
    const out = run("psql", [...psql(from.url), `COPY (SELECT ${columns} FROM "${from.schema}"."${table}" WHERE "teamId" = ${pg.escapeLiteral(teamId)}) TO STDOUT`], process.env);
    // Same session settings as the engine's copy: team context, audit trigger quiet.
    const into = run("psql", [...psql(to.url), `COPY "${to.schema}"."${table}" (${columns}) FROM STDIN`], {
      ...process.env,
      PGOPTIONS: `-c app.team_id=${teamId} -c app.copying=on`,
    });
    if (!out.child.stdout || !into.child.stdin) throw new Error("psql pipes are not open");
    out.child.stdout.pipe(into.child.stdin);
    await Promise.all([out.done, into.done]);
  }
}

const rate = (rows: number, ms: number) => (rows / ms) * 1000;
const fmtRate = (rows: number, ms: number) => `${Math.round(rate(rows, ms)).toLocaleString("en-US").padStart(9)} rows/s  (${(ms / 1000).toFixed(1)} s)`;

export async function runMigrationBench(): Promise<void> {
  const name = `ebos_bench_migration_${Date.now()}`;
  await withClient(SERVER_URL, (c) => c.query(`CREATE DATABASE "${name}"`));
  const url = dbUrl(name);
  process.env.DATABASE_URL = url;
  try {
    const { applyMigrations } = await import("../src/server/db/migrate");
    await applyMigrations(url, { quiet: true });
    const { getBaseDb, closeDb } = await import("../src/server/db/client");
    const { PgSchemaProvisioner } = await import("../src/server/db/tenancy/pg-schema-provisioner");
    const { tableLayouts } = await import("../src/server/db/tenancy/copy");
    const { schemaClients } = await import("../src/server/db/tenancy/schema-clients");
    const { tenantSchemaName } = await import("../src/server/db/tenancy/schema-name");
    const { MIGRATION_TABLE_ORDER } = await import("../src/server/services/tenancy/migration-tables");
    const { startTenantMigration } = await import("../src/server/services/tenancy/migration");
    const { runTenantMigration } = await import("../src/server/services/tenancy/migration-engine");

    const base = getBaseDb();
    const team = await base.team.create({ data: { name: "Bench migration", slug: `bench-migration-${randomBytes(3).toString("hex")}` }, select: { id: true } });
    const user = await base.user.create({
      data: { email: "bench-migration@bench.test", name: "Bench", activeTeamId: team.id, memberships: { create: { teamId: team.id, role: "OWNER" } } },
      select: { id: true },
    });
    const counts = plan(ROWS);
    const seedStarted = performance.now();
    const { rows, megabytes, layouts } = await withClient(url, async (client) => {
      await seed(client, team.id, user.id, counts);
      // Every tenant table, whatever else made rows for the team (team creation may add some).
      const rows = (
        await client.query<{ n: number }>(
          `SELECT ${MIGRATION_TABLE_ORDER.map((table) => `(SELECT count(*) FROM public."${table}" WHERE "teamId" = $1)`).join(" + ")} AS n`,
          [team.id],
        )
      ).rows[0]?.n;
      const bytes = (
        await client.query<{ bytes: string }>(`SELECT sum(pg_table_size(format('public.%I', t)::regclass))::text AS bytes FROM unnest($1::text[]) t`, [MIGRATION_TABLE_ORDER])
      ).rows[0]?.bytes;
      // Warm the cache for both contenders alike.
      for (const table of MIGRATION_TABLE_ORDER) await client.query(`SELECT count(*) FROM public."${table}"`);
      return { rows: Number(rows ?? 0), megabytes: Number(bytes ?? 0) / 1024 / 1024, layouts: await tableLayouts(client, "public", MIGRATION_TABLE_ORDER) };
    });
    console.log(
      `Database ${name}: one team, ${rows.toLocaleString("en-US")} rows in its tenant tables (${megabytes.toFixed(0)} MB; seeded in ${((performance.now() - seedStarted) / 1000).toFixed(0)} s)`,
    );
    console.log(
      `  ${Object.entries(counts)
        .map(([table, n]) => `${table} ${n.toLocaleString("en-US")}`)
        .join(", ")}\n`,
    );

    // ── baseline: plain COPY into a schema the provisioner made, then removed again
    const provisioner = new PgSchemaProvisioner();
    const target = { teamId: team.id, region: "global", tier: "SCHEMA" as const };
    await provisioner.provision(target);
    const copyStarted = performance.now();
    const columnsOf = (table: string) => layouts.get(table)?.columns ?? [];
    await copyBaseline({ url, schema: "public" }, { url, schema: tenantSchemaName(team.id) }, team.id, MIGRATION_TABLE_ORDER, columnsOf);
    const copyMs = performance.now() - copyStarted;
    const copied = await withClient(url, async (client) =>
      Number(
        (
          await client.query<{ n: number }>(
            `SELECT ${MIGRATION_TABLE_ORDER.map((table) => `(SELECT count(*) FROM "${tenantSchemaName(team.id)}"."${table}")`).join(" + ")} AS n`,
          )
        ).rows[0]?.n ?? 0,
      ),
    );
    if (copied !== rows) throw new Error(`The COPY baseline moved ${copied} rows of ${rows}.`);
    await provisioner.deprovision(target);

    // ── the engine, as the migrate-tenant job runs it
    const started = performance.now();
    const migration = await startTenantMigration({ teamId: team.id, toTier: "SCHEMA", requestedById: null });
    let copyFrom = 0;
    let copyTo = 0;
    const done = await runTenantMigration(migration.id, {
      settleMs: 0,
      onProgress: async (progress) => {
        if (copyFrom === 0) copyFrom = performance.now();
        if (progress.rowsCopied === progress.rowsTotal) copyTo = performance.now();
      },
    });
    const engineMs = performance.now() - started;
    if (done.status !== "COMPLETED") throw new Error(`The migration ended ${done.status}: ${done.error ?? ""}`);
    if (done.progress?.rowsCopied !== rows) throw new Error(`The engine copied ${done.progress?.rowsCopied ?? 0} rows of ${rows}.`);
    const engineCopyMs = copyTo - copyFrom;

    const batch = process.env.TENANT_MIGRATION_BATCH_SIZE ?? "10000 (default)";
    console.log(`Migration SHARED → SCHEMA of ${rows.toLocaleString("en-US")} rows`);
    console.log(`  COPY TO STDOUT | COPY FROM STDIN (psql)        ${fmtRate(rows, copyMs)}`);
    console.log(`  engine, end to end (lock … verify … unlock)    ${fmtRate(rows, engineMs)}   batch ${batch}`);
    console.log(`  engine, copy phase only                        ${fmtRate(rows, engineCopyMs)}`);
    const ratio = rate(rows, engineMs) / rate(rows, copyMs);
    console.log(`  engine end to end ÷ COPY:  ${ratio.toFixed(2)}   target ≥ 0.5  ${ratio >= 0.5 ? "met" : "MISSED"}`);
    console.log(`  engine copy phase ÷ COPY:  ${(rate(rows, engineCopyMs) / rate(rows, copyMs)).toFixed(2)}   (no target)`);

    // ── across two databases: the team's schema → a database of its own (ISOLATED)
    const { PgDatabaseProvisioner } = await import("../src/server/db/tenancy/pg-database-provisioner");
    const { tenantLocation } = await import("../src/server/db/tenancy/locations");
    const databases = new PgDatabaseProvisioner();
    const isolated = { teamId: team.id, region: "global", tier: "ISOLATED" as const };
    const isolatedUrl = tenantLocation(team.id, isolated).url;
    await databases.provision(isolated);
    const crossStarted = performance.now();
    await copyBaseline({ url, schema: tenantSchemaName(team.id) }, { url: isolatedUrl, schema: "public" }, team.id, MIGRATION_TABLE_ORDER, columnsOf);
    const crossCopyMs = performance.now() - crossStarted;
    await databases.deprovision(isolated);
    const crossEngineStarted = performance.now();
    const toIsolated = await startTenantMigration({ teamId: team.id, toTier: "ISOLATED", requestedById: null });
    let crossFrom = 0;
    let crossTo = 0;
    const crossDone = await runTenantMigration(toIsolated.id, {
      settleMs: 0,
      onProgress: async (progress) => {
        if (crossFrom === 0) crossFrom = performance.now();
        if (progress.rowsCopied === progress.rowsTotal) crossTo = performance.now();
      },
    });
    const crossEngineMs = performance.now() - crossEngineStarted;
    if (crossDone.status !== "COMPLETED" || crossDone.progress?.rowsCopied !== rows) throw new Error(`The move to ISOLATED ended ${crossDone.status}: ${crossDone.error ?? ""}`);
    console.log(`\nMigration SCHEMA → ISOLATED (another database) of ${rows.toLocaleString("en-US")} rows`);
    console.log(`  COPY TO STDOUT | COPY FROM STDIN (psql)        ${fmtRate(rows, crossCopyMs)}`);
    console.log(`  engine, end to end (incl. CREATE DATABASE + migrations) ${fmtRate(rows, crossEngineMs)}   batch ${process.env.TENANT_MIGRATION_STREAM_BATCH_SIZE ?? "50000 (default)"}`);
    console.log(`  engine, copy phase only                        ${fmtRate(rows, crossTo - crossFrom)}`);
    const crossRatio = rate(rows, crossEngineMs) / rate(rows, crossCopyMs);
    console.log(`  engine end to end ÷ COPY:  ${crossRatio.toFixed(2)}   target ≥ 0.5  ${crossRatio >= 0.5 ? "met" : "MISSED"}`);
    console.log(`  engine copy phase ÷ COPY:  ${(rate(rows, crossTo - crossFrom) / rate(rows, crossCopyMs)).toFixed(2)}   (no target)`);
    await schemaClients().closeAll();
    await databases.deprovision(isolated);
    await closeDb();
  } finally {
    await withClient(SERVER_URL, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runMigrationBench().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
