#!/usr/bin/env node
// Stand-in for Prisma's native `schema-engine` binary: speaks the same command line and
// JSON-RPC protocol as the binary the Prisma CLI spawns, and forwards the work to
// @prisma/schema-engine-wasm running over @prisma/adapter-pg. See README.md beside it.
import { readFileSync } from "node:fs";
import readline from "node:readline";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import { describeConnectionError, describeMigrationFailure, describeSqlError, inferErrorCode } from "./errors.mjs";
import { OfflineFactory, StandInPgFactory, parsePostgresUrl, quoteIdent, setQueryLogger, withClient } from "./pg-adapter.mjs";
import { makeRedactor } from "./redact.mjs";
import { loadSchemaEngineWasm, panicRegistry, wasmEngineVersion } from "./wasm.mjs";

const TARGET = "schema_engine_standin";
const DEBUG = /^(1|true|yes)$/i.test(process.env.PRISMA_SCHEMA_ENGINE_STANDIN_DEBUG ?? "");

// ───────────── command line ─────────────

function parseArgs(argv) {
  const args = { datamodels: [], datasource: undefined, cli: undefined, version: false, help: false };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    const take = () => {
      i += 1;
      if (i >= argv.length) throw new Error(`Missing value for ${arg}`);
      return argv[i];
    };
    if (arg === "--datamodels" || arg === "-d") args.datamodels.push(take());
    else if (arg.startsWith("--datamodels=")) args.datamodels.push(arg.slice("--datamodels=".length));
    else if (arg === "--datasource") args.datasource = take();
    else if (arg.startsWith("--datasource=")) args.datasource = arg.slice("--datasource=".length);
    else if (arg === "--enabled-preview-features" || arg === "--extension-types") take();
    else if (arg === "--version" || arg === "-V") args.version = true;
    else if (arg === "--help" || arg === "-h") args.help = true;
    else if (arg === "cli") {
      args.cli = argv.slice(i + 1);
      break;
    }
  }
  return args;
}

let args;
try {
  args = parseArgs(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}

let datasource = {};
if (args.datasource) {
  try {
    datasource = JSON.parse(args.datasource) ?? {};
  } catch {
    process.stderr.write("--datasource must be a JSON object\n");
    process.exit(1);
  }
}
const redact = makeRedactor([datasource.url, datasource.shadowDatabaseUrl]);
if (DEBUG) setQueryLogger((sql) => log("DEBUG", `sql: ${String(sql).replace(/\s+/g, " ").slice(0, 300)}`));

function log(level, message, extra = {}) {
  if (level === "DEBUG" && !DEBUG) return;
  const line = { timestamp: new Date().toISOString(), level, fields: { message: redact(message), ...extra }, target: TARGET };
  process.stderr.write(`${JSON.stringify(line)}\n`);
}

if (args.version) {
  process.stdout.write(`schema-engine-cli ${wasmEngineVersion().commit}\n`);
  process.exit(0);
}
if (args.help) {
  process.stdout.write(
    "schema-engine stand-in (Node + @prisma/schema-engine-wasm)\n\n" +
      "Usage: schema-engine [--datamodels <path>]... [--datasource <json>]\n" +
      "       schema-engine --datasource <json> cli (can-connect-to-database|create-database|drop-database)\n",
  );
  process.exit(0);
}

// ───────────── `cli` mode ─────────────

async function runCliCommand(command) {
  // The Prisma CLI skips the first stderr line: make it an informational one.
  log("INFO", "Starting schema engine CLI (stand-in)", { git_hash: wasmEngineVersion().commit });
  const fail = (message, errorCode) => {
    const fields = { message: redact(message) };
    if (errorCode) fields.error_code = errorCode;
    process.stderr.write(
      `${JSON.stringify({ timestamp: new Date().toISOString(), level: "ERROR", fields, target: "schema_engine::logger" })}\n`,
    );
    process.exitCode = 1;
  };
  let info;
  try {
    info = parsePostgresUrl(datasource.url);
  } catch (error) {
    return fail(error.message, error.errorCode);
  }
  const describe = (error) => {
    const known = describeConnectionError(error, info);
    if (known) return fail(known.message, known.errorCode);
    return fail(describeSqlError(error).message);
  };
  try {
    switch (command) {
      case "can-connect-to-database":
        await withClient(info, undefined, (client) => client.query("SELECT 1"));
        log("INFO", "Connection successful");
        return;
      case "create-database":
        await withAdminClient(info, (client) => client.query(`CREATE DATABASE ${quoteIdent(info.database)}`));
        log("INFO", `Database '${info.database}' was successfully created.`);
        return;
      case "drop-database":
        await withAdminClient(info, (client) => client.query(`DROP DATABASE ${quoteIdent(info.database)}`));
        log("INFO", "The database was successfully dropped.");
        return;
      default:
        return fail(`Unknown cli command: ${command ?? "(none)"}`);
    }
  } catch (error) {
    return describe(error);
  }
}

/** A connection to a maintenance database of the same server (postgres, then template1). */
async function withAdminClient(info, fn) {
  let lastError;
  for (const db of ["postgres", "template1"]) {
    try {
      return await withClient(info, db, fn);
    } catch (error) {
      lastError = error;
      if (error && error.code === "3D000") continue;
      throw error;
    }
  }
  throw lastError;
}

if (args.cli) {
  await runCliCommand(args.cli[0]);
  process.exit(process.exitCode ?? 0);
}

// ───────────── JSON-RPC mode ─────────────

const schemaFiles = args.datamodels.map((file) => [file, readFileSync(file, "utf8")]);
const factory = (() => {
  try {
    return new StandInPgFactory({
      url: datasource.url,
      shadowDatabaseUrl: datasource.shadowDatabaseUrl,
      debug: (message) => log("DEBUG", message),
    });
  } catch (error) {
    return error;
  }
})();

const boundFactory = factory instanceof Error ? undefined : bindMigrationAwareSqlAdapterFactory(factory);
let enginePromise;
let engineBroken = false;

async function createEngine(adapterFactory) {
  const wasm = await loadSchemaEngineWasm();
  const logFn = (line) => {
    if (typeof line !== "string") return;
    if (!DEBUG && /"level":"(DEBUG|TRACE)"/.test(line)) return;
    process.stderr.write(`${redact(line.replace(/\s+$/, ""))}\n`);
  };
  return wasm.SchemaEngine.new(
    { datamodels: schemaFiles.length > 0 ? schemaFiles : undefined },
    logFn,
    adapterFactory,
  );
}

async function getEngine() {
  if (factory instanceof Error) throw factory;
  if (!enginePromise) {
    enginePromise = createEngine(boundFactory);
    enginePromise.catch(() => {
      enginePromise = undefined;
    });
  }
  return enginePromise;
}

let offlineEnginePromise;

/** An engine for diffs between schema files / empty, usable without any database. */
function getOfflineEngine() {
  offlineEnginePromise ??= createEngine(bindMigrationAwareSqlAdapterFactory(new OfflineFactory()));
  return offlineEnginePromise;
}

const OFFLINE_DIFF_TARGETS = new Set(["empty", "schemaDatamodel"]);

async function diff(params) {
  let engine;
  try {
    engine = await getEngine();
  } catch (error) {
    const offlineCapable = OFFLINE_DIFF_TARGETS.has(params?.from?.tag) && OFFLINE_DIFF_TARGETS.has(params?.to?.tag);
    if (!offlineCapable) throw error;
    log("INFO", `No usable database (${error?.message ?? error}); diffing the schema files offline.`);
    engine = await getOfflineEngine();
  }
  const result = await engine.diff(params);
  if (typeof result?.stdout === "string") await printThroughCli(result.stdout);
  return { exitCode: result?.exitCode ?? 0, stdout: null };
}

const SHADOW_NOT_READY = /shadow DB must be provided through an external factory/i;

async function withShadowRetry(engine, method, params) {
  try {
    return await engine[method](params);
  } catch (error) {
    if (!SHADOW_NOT_READY.test(String(error?.message ?? error))) throw error;
    log("DEBUG", `${method}: running devDiagnostic first to set up the shadow database`);
    await engine.devDiagnostic({ migrationsList: params.migrationsList, filters: params.filters });
    return engine[method](params);
  }
}

let printId = 0;
const pendingPrints = new Map();

function send(message) {
  process.stdout.write(`${JSON.stringify(message)}\n`);
}

/** Asks the CLI to print `content` (what the native engine does for `migrate diff`). */
function printThroughCli(content) {
  printId += 1;
  const id = `standin-print-${printId}`;
  return new Promise((resolve) => {
    pendingPrints.set(id, resolve);
    send({ jsonrpc: "2.0", id, method: "print", params: { content } });
  });
}

async function dbExecute(params) {
  const target = params?.datasourceType;
  const url = target?.tag === "url" ? target.url : datasource.url;
  const info = parsePostgresUrl(url);
  const localRedact = makeRedactor([url]);
  try {
    await withClient(info, undefined, (client) => client.query(params.script));
  } catch (error) {
    const known = describeConnectionError(error, info);
    const described = known ?? describeSqlError(error);
    throw Object.assign(new Error(localRedact(described.message)), { errorCode: described.errorCode });
  }
  return {};
}

async function createDatabase() {
  const info = parsePostgresUrl(datasource.url);
  try {
    await withAdminClient(info, (client) => client.query(`CREATE DATABASE ${quoteIdent(info.database)}`));
  } catch (error) {
    const known = describeConnectionError(error, info);
    if (known) throw Object.assign(new Error(known.message), { errorCode: known.errorCode });
    throw error;
  }
  return { databaseName: info.database };
}

async function dispatch(method, params) {
  switch (method) {
    case "version":
      return wasmEngineVersion().commit;
    case "dbExecute":
      return dbExecute(params);
    case "createDatabase":
      return createDatabase(params);
    case "getDatabaseDescription":
      throw new Error("getDatabaseDescription is not supported by the WASM schema engine stand-in.");
    case "diff":
      return diff(params);
    default:
      break;
  }
  const engine = await getEngine();
  switch (method) {
    case "getDatabaseVersion":
      // The WASM engine throws outside the promise on a malformed parameter.
      return engine.version(params?.datasource ? params : null);
    case "debugPanic":
      return engine.debugPanic();
    case "evaluateDataLoss":
    case "createMigration":
      return withShadowRetry(engine, method, params);
    case "applyMigrations":
    case "devDiagnostic":
    case "diagnoseMigrationHistory":
    case "ensureConnectionValidity":
    case "introspect":
    case "introspectSql":
    case "markMigrationApplied":
    case "markMigrationRolledBack":
    case "reset":
    case "schemaPush":
      return engine[method](params);
    default:
      throw Object.assign(new Error(`Unknown method: ${method}`), { rpcCode: -32601 });
  }
}

function toRpcError(error) {
  if (error && error.rpcCode === -32601) return { code: -32601, message: error.message };
  const isPanic = error instanceof WebAssembly.RuntimeError;
  let message;
  let errorCode;
  if (isPanic) {
    message = panicRegistry.take() ?? String(error?.message ?? error);
  } else {
    let raw = String(error?.message ?? error);
    // Errors thrown by our own adapter code reach the engine as "External error id#N".
    const external = /External error id#(\d+)/.exec(raw);
    const original = external ? boundFactory?.errorRegistry.consumeError(Number(external[1]))?.error : undefined;
    if (original) {
      const detail = describeConnectionError(original, factory.info) ?? {
        message: String(original?.message ?? original),
        errorCode: original?.errorCode,
      };
      raw = raw.replace(/External error id#\d+/, detail.message);
      if (detail.errorCode && !error.errorCode) error = Object.assign(new Error(raw), { errorCode: detail.errorCode });
    }
    const known =
      error && typeof error === "object" && !error.errorCode
        ? (describeConnectionError(error, factory?.info) ??
          describeMigrationFailure(raw, factory instanceof Error ? undefined : factory.lastSqlError))
        : undefined;
    message = known?.message ?? raw;
    errorCode = error?.errorCode ?? known?.errorCode ?? inferErrorCode(message);
  }
  message = redact(message);
  const data = { is_panic: isPanic, message, meta: null };
  if (errorCode) data.error_code = errorCode;
  return { code: 4466, message: "An error happened. Check the data field for details.", data };
}

let currentRequestId;
let currentAnswered = true;

async function handleRequest(request) {
  const { id, method, params } = request;
  currentRequestId = id;
  currentAnswered = false;
  log("DEBUG", `request ${method}`);
  if (!(factory instanceof Error)) factory.lastSqlError = undefined;
  let response;
  try {
    const result = await dispatch(method, params);
    response = { jsonrpc: "2.0", id, result: result === undefined ? {} : result };
  } catch (error) {
    if (error instanceof WebAssembly.RuntimeError) engineBroken = true;
    log("DEBUG", `request ${method} failed: ${error?.stack ?? error}`);
    response = { jsonrpc: "2.0", id, error: toRpcError(error) };
  }
  // The CLI kills the engine right after its last answer: clean up before answering.
  if (!(factory instanceof Error)) await factory.dropLeftoverShadowDatabases();
  if (currentAnswered) return;
  currentAnswered = true;
  send(response);
  if (engineBroken) await shutdown(101);
}

let queue = Promise.resolve();
let shuttingDown = false;

async function shutdown(code) {
  if (shuttingDown) return;
  shuttingDown = true;
  if (!(factory instanceof Error)) await factory.close().catch(() => {});
  process.exit(code);
}

const input = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
input.on("line", (line) => {
  if (line.trim() === "") return;
  let message;
  try {
    message = JSON.parse(line);
  } catch {
    send({ jsonrpc: "2.0", id: null, error: { code: -32700, message: "Parse error" } });
    return;
  }
  if (message && message.method === undefined && pendingPrints.has(message.id)) {
    const resolve = pendingPrints.get(message.id);
    pendingPrints.delete(message.id);
    resolve();
    return;
  }
  if (!message || typeof message.method !== "string") {
    send({ jsonrpc: "2.0", id: message?.id ?? null, error: { code: -32600, message: "Invalid request" } });
    return;
  }
  queue = queue.then(() => handleRequest(message));
});
input.on("close", () => {
  queue.then(() => shutdown(0));
});
// Some WASM errors are thrown from a callback instead of rejecting the call's promise:
// answer the request in flight with them rather than dying silently.
process.on("uncaughtException", (error) => {
  log("ERROR", `uncaught: ${error?.stack ?? error}`);
  if (!currentAnswered) {
    currentAnswered = true;
    send({ jsonrpc: "2.0", id: currentRequestId, error: toRpcError(error) });
  }
  void shutdown(1);
});
for (const signal of ["SIGTERM", "SIGINT"]) {
  process.on(signal, () => {
    queue = Promise.resolve();
    void shutdown(0);
  });
}
