/**
 * npm run bench — not part of the tests. Two comparisons, each measured twice in
 * one run on one fresh database (10,000 projects over 20 teams):
 *   1. in-process: the tenant-scoped client (extension + RLS context, role
 *      without BYPASSRLS) vs a plain Prisma client on the same query;
 *   2. HTTP: project.list through tRPC on `next start`, signed in, vs the same SQL
 *      on a bare node:http + pg server.
 * Prints latencies, requests/s and the two ratios against their targets; then
 *   3. RAG retrieval (bench/rag.ts): top-5 latency per vector backend over 10k and
 *      100k chunks, and recall@5 of pgvector's HNSW against exact search;
 *   4. tenancy (bench/tenancy-migration.ts, bench/tenancy-sync.ts): tier migration
 *      rows/s against plain COPY, and schema sync of 100 tenants at concurrency 1 vs 8.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { PrismaPg } from "@prisma/adapter-pg";
import autocannon from "autocannon";
import pg from "pg";

const ROOT = path.resolve(import.meta.dirname, "..");
const SERVER_URL = process.env.BENCH_DATABASE_SERVER_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const TEAMS = 20;
const PROJECTS_PER_TEAM = 500;
const PASSWORD = "Bench-password-1";

function dbUrl(name: string): string {
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: SERVER_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/**
 * Runs the variants in interleaved rounds (so machine noise hits all of them
 * alike) and reports, per variant, the median of the rounds' mean latency and
 * the p50/p99 of all single queries.
 */
async function compareInProcess(variants: Record<string, () => Promise<unknown>>, rounds = 20, perRound = 150) {
  const roundMeans = new Map<string, number[]>();
  const samples = new Map<string, number[]>();
  for (const [label, op] of Object.entries(variants)) {
    for (let i = 0; i < 200; i++) await op();
    roundMeans.set(label, []);
    samples.set(label, []);
  }
  for (let r = 0; r < rounds; r++) {
    for (const [label, op] of Object.entries(variants)) {
      const started = performance.now();
      for (let i = 0; i < perRound; i++) {
        const t0 = performance.now();
        await op();
        samples.get(label)?.push((performance.now() - t0) * 1000);
      }
      roundMeans.get(label)?.push(((performance.now() - started) * 1000) / perRound);
    }
  }
  const result = new Map<string, number>();
  for (const label of Object.keys(variants)) {
    const means = [...(roundMeans.get(label) ?? [])].sort((x, y) => x - y);
    const all = [...(samples.get(label) ?? [])].sort((x, y) => x - y);
    const median = means[Math.floor(means.length / 2)] ?? 0;
    result.set(label, median);
    console.log(
      `  ${label.padEnd(40)} ${median.toFixed(0).padStart(5)} µs/query   p50 ${percentile(all, 50).toFixed(0).padStart(5)}  p99 ${percentile(all, 99).toFixed(0).padStart(5)}`,
    );
  }
  return result;
}

async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
    } catch {
      // not up yet
    }
    await sleep(250);
  }
  throw new Error(`${url} did not come up within ${timeoutMs} ms`);
}

async function signIn(base: string, email: string): Promise<string> {
  const csrfRes = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const cookies = csrfRes.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookies },
    body: new URLSearchParams({ csrfToken, email, password: PASSWORD, callbackUrl: "/dashboard" }),
  });
  const session = res.headers.getSetCookie().find((c) => c.startsWith("authjs.session-token="));
  if (!session) throw new Error(`sign-in failed (${res.status})`);
  return session.split(";")[0] ?? "";
}

async function load(label: string, url: string, headers: Record<string, string>) {
  await autocannon({ url, connections: 50, duration: 3, headers });
  const result = await autocannon({ url, connections: 50, duration: 10, headers });
  const non2xx = result.non2xx + result.errors;
  console.log(
    `  ${label.padEnd(34)} ${result.requests.average.toFixed(0).padStart(6)} req/s  p50 ${String(result.latency.p50).padStart(4)} ms  p99 ${String(result.latency.p99).padStart(4)} ms${non2xx ? `  (${non2xx} errors/non-2xx!)` : ""}`,
  );
  return result.requests.average;
}

function stop(child: ChildProcess | undefined) {
  if (child && child.exitCode === null) child.kill("SIGTERM");
}

async function main() {
  const name = `ebos_bench_${Date.now()}`;
  await admin((c) => c.query(`CREATE DATABASE "${name}"`));
  const url = dbUrl(name);
  process.env.DATABASE_URL = url;
  let next: ChildProcess | undefined;
  let bare: ChildProcess | undefined;
  try {
    const { applyMigrations } = await import("../src/server/db/migrate");
    await applyMigrations(url, { quiet: true });

    // ── data: 20 teams × 500 projects, one user in the first team
    const { getBaseDb, closeDb } = await import("../src/server/db/client");
    const { getTenantDb } = await import("../src/server/db/get-tenant-db");
    const { hashPassword } = await import("../src/server/auth/password");
    const base = getBaseDb();
    const teamIds: string[] = [];
    for (let t = 0; t < TEAMS; t++) {
      const team = await base.team.create({ data: { name: `Bench ${t}`, slug: `bench-${t}-${randomBytes(2).toString("hex")}` }, select: { id: true } });
      teamIds.push(team.id);
      const tenant = await getTenantDb(team.id);
      await tenant.project.createMany({
        data: Array.from({ length: PROJECTS_PER_TEAM }, (_, i) => ({ name: `Project ${t}-${i}`, description: "Benchmark row ".repeat(8) })),
      });
    }
    const email = "bench@bench.test";
    await base.user.create({
      data: { email, name: "Bench", passwordHash: await hashPassword(PASSWORD), activeTeamId: teamIds[0], memberships: { create: { teamId: teamIds[0]!, role: "OWNER" } } },
    });
    console.log(`Database ${name}: ${TEAMS} teams × ${PROJECTS_PER_TEAM} projects.\n`);

    // ── 1. in-process: tenant client vs plain client
    const { PrismaClient } = await import("../src/server/db/generated/client");
    const plainPool = new pg.Pool({ connectionString: url, max: 10 });
    const plain = new PrismaClient({ adapter: new PrismaPg(plainPool) });
    const select = { id: true, name: true, description: true, status: true, createdById: true, createdAt: true, updatedAt: true } as const;
    const orderBy = [{ createdAt: "desc" as const }, { id: "desc" as const }];
    const team0 = teamIds[0]!;
    const { withDbContext } = await import("../src/server/db/context");
    console.log("1. In-process, one query = the 50 newest projects of a team (20 interleaved rounds × 150 queries)");
    const placement = { tier: "SHARED" as const, region: "global" };
    // What a request does: teamProcedure sets the team's context, the handler asks for the tenant client and queries.
    const asRequest = (teamId: string, i: number) =>
      withDbContext({ teamId, crossTenant: false, actorId: "bench-user", requestId: `req-${i}` }, async () =>
        (await getTenantDb(teamId, { placement })).project.findMany({ select, orderBy, take: 51 }),
      );
    const ratios: number[] = [];
    const rotating: number[] = [];
    for (let pass = 1; pass <= 2; pass++) {
      console.log(` pass ${pass}`);
      let i = 0;
      let j = 0;
      const means = await compareInProcess({
        "plain Prisma client": () => plain.project.findMany({ where: { teamId: team0 }, select, orderBy, take: 51 }),
        "tenant client, as in a request": () => asRequest(team0, i++),
        "tenant client, team changes every query": () => asRequest(teamIds[j++ % TEAMS]!, j),
      });
      const plainMean = means.get("plain Prisma client") ?? 1;
      ratios.push((means.get("tenant client, as in a request") ?? 0) / plainMean);
      rotating.push((means.get("tenant client, team changes every query") ?? 0) / plainMean);
    }
    await plain.$disconnect();
    await plainPool.end();

    // ── 1b. the board of a project with 500 tasks: what one open board costs per (re)load
    const { rankBetween } = await import("../src/lib/rank");
    const { createCaller } = await import("../src/server/api/root");
    const { createInnerContext } = await import("../src/server/api/trpc");
    const superjson = (await import("superjson")).default;
    const owner = await base.user.findUniqueOrThrow({ where: { email }, select: { id: true } });
    const api = createCaller(createInnerContext({ session: { user: { id: owner.id, activeTeamId: team0 } } }));
    const project = await api.project.create({ name: "Big board" });
    const columns = await api.boardColumn.list();
    let rank: string | null = null;
    const boardTasks = Array.from({ length: 500 }, (_, i) => {
      rank = rankBetween(rank, null);
      return { projectId: project.id, columnId: columns[i % columns.length]!.id, title: `Task ${i}`, rank };
    });
    await (await getTenantDb(team0)).task.createMany({ data: boardTasks });
    const boardTimes: number[] = [];
    let payload = 0;
    for (let i = 0; i < 40; i++) {
      const t0 = performance.now();
      const board = await api.task.board({ projectId: project.id });
      boardTimes.push(performance.now() - t0);
      payload = JSON.stringify(superjson.serialize(board)).length;
    }
    boardTimes.sort((x, y) => x - y);
    console.log("\n1b. Board with 500 tasks, task.board through the tRPC caller (40 loads)");
    console.log(`  p50 ${percentile(boardTimes, 50).toFixed(1)} ms   p99 ${percentile(boardTimes, 99).toFixed(1)} ms   payload ${(payload / 1024).toFixed(0)} KiB`);
    await closeDb();

    // ── 2. HTTP: tRPC on next start vs bare node:http + pg
    if (!existsSync(path.join(ROOT, ".next/BUILD_ID"))) {
      console.log("\n(no production build: running next build)");
      await new Promise<void>((resolve, reject) => {
        const build = spawn(process.execPath, [path.join(ROOT, "node_modules/next/dist/bin/next"), "build"], { cwd: ROOT, stdio: "ignore" });
        build.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`next build exited with ${code}`))));
      });
    }
    const nextPort = 3200;
    const barePort = 3201;
    const quietEnv = { ...process.env, DATABASE_URL: url, NODE_ENV: "production" as const };
    next = spawn(process.execPath, [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), "scripts/start.ts"], {
      cwd: ROOT,
      stdio: "ignore",
      env: { ...quietEnv, PORT: String(nextPort), AUTH_SECRET: randomBytes(32).toString("base64url") },
    });
    bare = spawn(process.execPath, [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), "bench/bare-server.ts"], {
      cwd: ROOT,
      stdio: "ignore",
      env: { ...quietEnv, PORT: String(barePort), BENCH_TEAM_ID: team0 },
    });
    const nextBase = `http://127.0.0.1:${nextPort}`;
    await Promise.all([waitForHttp(`${nextBase}/api/health`, 120_000), waitForHttp(`http://127.0.0.1:${barePort}/`, 30_000)]);
    const cookie = await signIn(nextBase, email);
    const trpcUrl = `${nextBase}/api/trpc/project.list?input=${encodeURIComponent(JSON.stringify({ json: { limit: 50 } }))}`;
    const check = (await (await fetch(trpcUrl, { headers: { cookie } })).json()) as { result?: { data?: { json?: { items?: unknown[] } } } };
    if (check.result?.data?.json?.items?.length !== 50) throw new Error("project.list did not return 50 projects");

    console.log("\n2. HTTP, project.list (autocannon, 50 connections, 3 s warm-up + 10 s per line)");
    const httpRatios: number[] = [];
    for (let pass = 1; pass <= 2; pass++) {
      console.log(` pass ${pass}`);
      const bareRps = await load("bare node:http + pg", `http://127.0.0.1:${barePort}/`, {});
      const fullRps = await load("Next + tRPC + Auth.js + tenant client", trpcUrl, { cookie });
      httpRatios.push(fullRps / bareRps);
    }

    const fmt = (values: number[]) => values.map((v) => v.toFixed(2)).join(" / ");
    console.log("\nResults (pass 1 / pass 2)");
    console.log(`  tenant client latency ÷ plain client:           ${fmt(ratios)}   target ≤ 1.15  ${ratios.every((r) => r <= 1.15) ? "met" : "MISSED"}`);
    console.log(`  … when every query switches team (worst case):  ${fmt(rotating)}   (no target)`);
    console.log(`  full-stack req/s ÷ bare server req/s:           ${fmt(httpRatios)}   target ≥ 0.33  ${httpRatios.every((r) => r >= 1 / 3) ? "met" : "MISSED"}`);
  } finally {
    stop(next);
    stop(bare);
    await sleep(1000);
    await admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  }

  // ── 3. RAG retrieval: its own databases (PGlite with pgvector, and one on this server), after the servers above stopped
  const { runRagBench } = await import("./rag");
  await runRagBench({ serverUrl: SERVER_URL });

  // ── 4. tenancy: each in a process of its own, as the server modules read DATABASE_URL once
  for (const file of ["bench/tenancy-migration.ts", "bench/tenancy-sync.ts"]) {
    console.log("");
    await new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), path.join(ROOT, file)], { cwd: ROOT, stdio: "inherit", env: { ...process.env, BENCH_DATABASE_SERVER_URL: SERVER_URL } });
      child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${file} exited with ${code}`))));
    });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
