// A migration-aware driver adapter factory for @prisma/schema-engine-wasm, built on
// @prisma/adapter-pg, with the fixes the schema engine needs:
//  - catalog types adapter-pg refuses to deserialize ("char", name[], regtype, ...) are
//    handed over as text / text arrays;
//  - executeScript sends the whole script as ONE simple-protocol query (adapter-pg splits
//    on every `;`, which breaks `$$ ... $$` bodies and loses atomicity): PostgreSQL runs a
//    multi-statement simple query as one implicit transaction, exactly like the native engine;
//  - connectToShadowDb creates a throwaway database (dropped on dispose) or wipes the
//    configured shadowDatabaseUrl.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { ColumnTypeEnum, DriverAdapterError } from "@prisma/driver-adapter-utils";
import { describeConnectionError } from "./errors.mjs";

// Column types @prisma/adapter-pg 7.10.1 maps itself (src/conversion.ts, fieldToColumnType).
const SUPPORTED_OIDS = new Set([
  // scalars
  16, 17, 19, 20, 21, 23, 25, 26, 114, 142, 650, 700, 701, 790, 869, 1042, 1043, 1082, 1083, 1114, 1184, 1266,
  1560, 1562, 1700, 2950, 3802,
  // arrays
  143, 199, 651, 791, 1000, 1001, 1005, 1007, 1009, 1014, 1015, 1016, 1021, 1022, 1028, 1041, 1115, 1182,
  1183, 1185, 1231, 1561, 1563, 2951, 3807,
]);
const FIRST_NORMAL_OBJECT_ID = 16384;
const TEXT_OID = 25;
const TEXT_ARRAY_OID = 1009;
// Built-in array types that adapter-pg does not handle (or node-postgres leaves as raw
// text, like "char"[]): they are returned as text arrays.
const TEXTUAL_ARRAY_OIDS = new Set([
  271, 629, 719, 775, 1002, 1003, 1006, 1008, 1010, 1011, 1012, 1013, 1017, 1018, 1019, 1020, 1027, 1034, 1040,
  1187, 1263, 1270, 2201, 2207, 2208, 2209, 2210, 2211, 2949, 3221, 3643, 3645, 3735, 3770, 3905, 3907, 3909,
  3911, 3913, 3927, 4073, 4090, 4097, 4192, 12052,
]);

function needsRewrite(oid) {
  return oid < FIRST_NORMAL_OBJECT_ID && (!SUPPORTED_OIDS.has(oid) || oid === 1002);
}

const identity = (value) => value;

/** Parses a PostgreSQL array literal (`{a,"b c",NULL}`, possibly nested) into strings. */
export function parseArrayLiteral(text) {
  if (typeof text !== "string") return text;
  let i = 0;
  // Optional dimension decoration: [1:2]={...}
  if (text[0] === "[") {
    const eq = text.indexOf("=");
    if (eq > 0) i = eq + 1;
  }
  const parse = () => {
    const out = [];
    if (text[i] !== "{") throw new Error(`not an array literal: ${text}`);
    i += 1;
    if (text[i] === "}") {
      i += 1;
      return out;
    }
    for (;;) {
      if (text[i] === "{") {
        out.push(parse());
      } else if (text[i] === '"') {
        i += 1;
        let value = "";
        while (text[i] !== '"') {
          if (text[i] === "\\") i += 1;
          value += text[i];
          i += 1;
        }
        i += 1;
        out.push(value);
      } else {
        let end = i;
        while (text[end] !== "," && text[end] !== "}") end += 1;
        const raw = text.slice(i, end).trim();
        out.push(raw === "NULL" ? null : raw);
        i = end;
      }
      if (text[i] === ",") {
        i += 1;
        continue;
      }
      if (text[i] === "}") {
        i += 1;
        return out;
      }
      throw new Error(`malformed array literal: ${text}`);
    }
  };
  return parse();
}

function fixResult(result) {
  if (Array.isArray(result)) {
    for (const r of result) fixResult(r);
    return result;
  }
  if (!result || !Array.isArray(result.fields)) return result;
  result.fields.forEach((field, index) => {
    const oid = field.dataTypeID;
    if (!needsRewrite(oid)) return;
    const isArray = TEXTUAL_ARRAY_OIDS.has(oid);
    field.dataTypeID = isArray ? TEXT_ARRAY_OID : TEXT_OID;
    for (const row of result.rows) {
      const key = Array.isArray(row) ? index : field.name;
      const value = row[key];
      if (value === null || value === undefined) continue;
      if (isArray) {
        row[key] = Array.isArray(value) ? value : parseArrayLiteral(String(value));
      } else {
        row[key] = typeof value === "string" ? value : String(value);
      }
    }
  });
  return result;
}

function withRawTextParsers(config) {
  if (!config || typeof config !== "object" || typeof config.submit === "function") return config;
  const inner = config.types?.getTypeParser ? config.types : pg.types;
  return {
    ...config,
    types: {
      getTypeParser: (oid, format) => (needsRewrite(oid) ? identity : inner.getTypeParser(oid, format)),
    },
  };
}

let queryLogger;
/** Installs a callback that sees the text of every SQL statement sent (for debugging). */
export function setQueryLogger(fn) {
  queryLogger = fn;
}

/** node-postgres Client that hands catalog types adapter-pg cannot map over as text. */
class CatalogSafeClient extends pg.Client {
  query(config, values, callback) {
    if (typeof values === "function") {
      callback = values;
      values = undefined;
    }
    const cfg = withRawTextParsers(config);
    if (queryLogger) queryLogger(typeof config === "string" ? config : config?.text);
    if (typeof callback === "function") {
      return super.query(cfg, values, (err, res) => callback(err, err ? res : fixResult(res)));
    }
    const ret = super.query(cfg, values);
    return ret && typeof ret.then === "function" ? ret.then(fixResult) : ret;
  }
}

const PRISMA_ONLY_PARAMS = [
  "schema",
  "connection_limit",
  "pool_timeout",
  "pgbouncer",
  "statement_cache_size",
  "socket_timeout",
  "max_connection_lifetime",
  "max_idle_connection_lifetime",
  "connect_timeout",
];

/**
 * Turns a Prisma-style PostgreSQL URL into node-postgres pool options plus the schema name.
 */
export function parsePostgresUrl(url) {
  if (typeof url !== "string" || url.trim() === "") {
    throw Object.assign(new Error("The datasource URL is empty. Set `datasource.url` in prisma.config.ts."), {
      errorCode: "P1012",
    });
  }
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    throw Object.assign(new Error("The provided database string is invalid. The URL could not be parsed."), {
      errorCode: "P1013",
    });
  }
  if (parsed.protocol !== "postgres:" && parsed.protocol !== "postgresql:") {
    throw Object.assign(
      new Error(
        `The provided database string is invalid. The scheme is not recognized: \`${parsed.protocol.replace(/:$/, "")}\`. This stand-in only supports PostgreSQL (postgres:// or postgresql://).`,
      ),
      { errorCode: "P1013" },
    );
  }
  const schema = parsed.searchParams.get("schema") || undefined;
  const connectTimeout = Number(parsed.searchParams.get("connect_timeout") ?? "5");
  const connectionLimit = Number(parsed.searchParams.get("connection_limit") ?? "0");
  for (const key of PRISMA_ONLY_PARAMS) parsed.searchParams.delete(key);
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, "")) || undefined;
  const host = parsed.searchParams.get("host") || decodeURIComponent(parsed.hostname) || "localhost";
  const port = Number(parsed.port || parsed.searchParams.get("port") || 5432);
  const poolConfig = {
    connectionString: parsed.toString(),
    connectionTimeoutMillis: Number.isFinite(connectTimeout) && connectTimeout > 0 ? connectTimeout * 1000 : 0,
    max: Number.isFinite(connectionLimit) && connectionLimit > 0 ? connectionLimit : 4,
    idleTimeoutMillis: 10_000,
    allowExitOnIdle: true,
    Client: CatalogSafeClient,
  };
  if (schema) poolConfig.options = `-c search_path="${schema.replace(/"/g, '""')}"`;
  const forDatabase = (name) => {
    const copy = new URL(parsed.toString());
    copy.pathname = `/${encodeURIComponent(name)}`;
    return { ...poolConfig, connectionString: copy.toString() };
  };
  return {
    poolConfig,
    /** Pool options for another database on the same server (the URL wins over `database`). */
    forDatabase,
    schema,
    database,
    host,
    port,
    user: decodeURIComponent(parsed.username || process.env.PGUSER || process.env.USER || ""),
    location: `${host.startsWith("/") ? host : host.includes(":") ? `[${host}]` : host}:${port}`,
  };
}

export function quoteIdent(name) {
  return `"${String(name).replace(/"/g, '""')}"`;
}

/** Runs one statement on a fresh connection to `database` (defaults to the URL's). */
export async function withClient(info, database, fn) {
  const client = new CatalogSafeClient(database ? info.forDatabase(database) : info.poolConfig);
  client.on("error", () => {});
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => {});
  }
}

async function dropDatabase(info, name) {
  await withClient(info, undefined, async (client) => {
    try {
      await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
    } catch (error) {
      // WITH (FORCE) needs PostgreSQL 13+.
      if (error && error.code === "42601") await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)}`);
      else throw error;
    }
  });
}

/** Drops every user schema of the database behind `client` and recreates `public`. */
async function wipeDatabase(client) {
  const { rows } = await client.query(
    `SELECT nspname::text AS name FROM pg_namespace
      WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema'`,
  );
  const statements = rows.map((r) => `DROP SCHEMA ${quoteIdent(r.name)} CASCADE;`);
  statements.push(`CREATE SCHEMA IF NOT EXISTS "public";`);
  await client.query(statements.join("\n"));
}

/**
 * The adapter factory handed to the WASM engine (through bindMigrationAwareSqlAdapterFactory).
 */
export class StandInPgFactory {
  provider = "postgres";
  adapterName = "@prisma/adapter-pg";

  constructor({ url, shadowDatabaseUrl, debug }) {
    this.url = url;
    this.shadowDatabaseUrl = shadowDatabaseUrl || undefined;
    this.debug = debug ?? (() => {});
    this.info = parsePostgresUrl(url);
    this.pools = new Set();
    // shadow database name → its pool (undefined once ended)
    this.pendingShadowDatabases = new Map();
    /** The last PostgreSQL error raised by a script (a migration), with that script. */
    this.lastSqlError = undefined;
  }

  async connect() {
    return this.makeAdapter(this.info.poolConfig, this.info.schema);
  }

  makeAdapter(poolConfig, schema, onDispose, onPool) {
    const pool = new pg.Pool(poolConfig);
    onPool?.(pool);
    pool.on("error", (err) => this.debug(`idle client error: ${err.message}`));
    this.pools.add(pool);
    const adapter = new PrismaPg(pool, schema ? { schema } : undefined);
    return adapter.connect().then((conn) => {
      // One simple-protocol query: keeps `$$` bodies intact and runs the script atomically.
      conn.executeScript = async (script) => {
        this.debug(`executeScript (${script.length} chars)`);
        try {
          await pool.query(script);
        } catch (error) {
          // Keep PostgreSQL's own wording (adapter-pg would reduce e.g. 42P01 to
          // "No such table"): the engine reports it as "Database error".
          if (error && typeof error.code === "string" && typeof error.severity === "string") {
            this.lastSqlError = { error, script };
            throw new DriverAdapterError({
              kind: "postgres",
              code: error.code,
              severity: error.severity,
              message: error.message,
              detail: error.detail,
              column: error.column,
              hint: error.hint,
              originalCode: error.code,
              originalMessage: error.message,
            });
          }
          conn.onError(error);
        }
      };
      const release = conn.dispose.bind(conn);
      conn.dispose = async () => {
        await release();
        if (this.pools.delete(pool)) await pool.end().catch(() => {});
        if (onDispose) await onDispose();
      };
      return conn;
    });
  }

  async connectToShadowDb() {
    if (this.shadowDatabaseUrl) {
      const shadow = parsePostgresUrl(this.shadowDatabaseUrl);
      if (
        shadow.location === this.info.location &&
        (shadow.database ?? shadow.user) === (this.info.database ?? this.info.user)
      ) {
        throw new Error(
          "The shadow database you configured appears to be the same as the main database. Please specify another shadow database.",
        );
      }
      try {
        await withClient(shadow, undefined, wipeDatabase);
      } catch (error) {
        const known = describeConnectionError(error, shadow);
        if (known) throw Object.assign(new Error(`Shadow database: ${known.message}`), { errorCode: known.errorCode });
        throw error;
      }
      return this.makeAdapter(shadow.poolConfig, shadow.schema);
    }
    const name = `prisma_migrate_shadow_db_${randomUUID()}`;
    try {
      await withClient(this.info, undefined, (client) => client.query(`CREATE DATABASE ${quoteIdent(name)}`));
    } catch (error) {
      if (error && typeof error.code === "string" && error.code.startsWith("42")) {
        throw Object.assign(
          new Error(
            `Prisma Migrate could not create the shadow database. Please make sure the database user has permission to create databases. Read more about the shadow database (and workarounds) at https://pris.ly/d/migrate-shadow\n\nOriginal error: ${error.message}`,
          ),
          { errorCode: "P3014" },
        );
      }
      throw error;
    }
    this.pendingShadowDatabases.set(name, undefined);
    this.debug(`created shadow database ${name}`);
    return this.makeAdapter(
      this.info.forDatabase(name),
      this.info.schema,
      () => this.dropShadowDatabase(name),
      (pool) => this.pendingShadowDatabases.set(name, pool),
    );
  }

  async dropShadowDatabase(name) {
    if (!this.pendingShadowDatabases.has(name)) return;
    const pool = this.pendingShadowDatabases.get(name);
    this.pendingShadowDatabases.delete(name);
    if (pool && this.pools.delete(pool)) await pool.end().catch(() => {});
    try {
      await dropDatabase(this.info, name);
      this.debug(`dropped shadow database ${name}`);
    } catch (error) {
      this.debug(`could not drop shadow database ${name}: ${error.message}`);
    }
  }

  /** Drops the temporary shadow databases the engine did not dispose of itself. */
  async dropLeftoverShadowDatabases() {
    for (const name of [...this.pendingShadowDatabases.keys()]) await this.dropShadowDatabase(name);
  }

  /** Ends every pool and drops leftover shadow databases. */
  async close() {
    await this.dropLeftoverShadowDatabases();
    const pools = [...this.pools];
    this.pools.clear();
    await Promise.all(pools.map((p) => p.end().catch(() => {})));
  }
}

/**
 * A factory for diffs that need no database (`--from-empty`/`--from-schema` against
 * `--to-empty`/`--to-schema`): the WASM engine insists on connecting when it starts, so
 * this answers its start-up probe and refuses everything else.
 */
export class OfflineFactory {
  provider = "postgres";
  adapterName = "@prisma/adapter-pg";

  async connect() {
    const refuse = async () => {
      throw new Error("This operation needs a database connection: set datasource.url in prisma.config.ts.");
    };
    return {
      provider: "postgres",
      adapterName: "@prisma/adapter-pg",
      async queryRaw(query) {
        if (/^\s*SELECT EXISTS\(SELECT 1 FROM pg_namespace WHERE nspname = \$1\), version\(\)/.test(query.sql)) {
          return {
            columnNames: ["exists", "version", "numeric_version"],
            columnTypes: [ColumnTypeEnum.Boolean, ColumnTypeEnum.Text, ColumnTypeEnum.Int32],
            rows: [[true, "PostgreSQL 15.0 (offline stand-in)", 150000]],
          };
        }
        return refuse();
      },
      executeRaw: refuse,
      executeScript: refuse,
      startTransaction: refuse,
      getConnectionInfo: () => ({ supportsRelationJoins: true }),
      async dispose() {},
    };
  }

  async connectToShadowDb() {
    return this.connect();
  }
}
