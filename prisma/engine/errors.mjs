// Maps errors (node-postgres, driver adapter, WASM engine) to Prisma's user-facing
// error codes and messages, the way the native schema engine words them.

const MESSAGE_CODES = [
  [/^Authentication failed against database server/, "P1000"],
  [/^Can't reach database server/, "P1001"],
  [/was reached but timed out/, "P1002"],
  [/^Database `[^`]*` does not exist/, "P1003"],
  [/^Database `[^`]*` already exists/, "P1009"],
  [/^User `[^`]*` was denied access/, "P1010"],
  [/^Error opening a TLS connection/, "P1011"],
  [/^The provided database string is invalid/, "P1013"],
  [/^The underlying (table|column) for model/, "P1014"],
  [/^Operations timed out after/, "P1008"],
  [/^The database schema is not empty/, "P3005"],
  [/failed to apply cleanly to the shadow database/, "P3006"],
  [/^The `.*` migration was modified after it was applied|^The migration `[^`]*` was modified/, "P3008"],
  [/^migrate found failed migrations in the target database/, "P3009"],
  [/^The name of the migration is too long/, "P3010"],
  [/^Migration `[^`]*` cannot be rolled back because it was never applied/, "P3011"],
  [/^Migration `[^`]*` cannot be rolled back because it is not in a failed state/, "P3012"],
  [/could not create the shadow database/, "P3014"],
  [/^Could not find the migration file at/, "P3015"],
  [/^The fallback method for database resets failed/, "P3016"],
  [/^The migration .* could not be found/, "P3017"],
  [/^A migration failed to apply/, "P3018"],
  [/^The datasource provider `[^`]*` specified in your schema does not match the one specified in the migration_lock.toml/, "P3019"],
  [/^The migration `[^`]*` is already recorded as applied in the database/, "P3008"],
];

export function inferErrorCode(message) {
  for (const [pattern, code] of MESSAGE_CODES) if (pattern.test(message)) return code;
  return undefined;
}

function hostPort(info) {
  return info ? `${info.host}:${info.port}` : "the database server";
}

/**
 * Converts a node-postgres / socket error into `{ message, errorCode }` with the native
 * engine's wording, or undefined when it is an ordinary SQL error.
 */
export function describeConnectionError(error, info) {
  const code = error && typeof error.code === "string" ? error.code : undefined;
  const location = hostPort(info);
  switch (code) {
    case "ECONNREFUSED":
    case "ENOTFOUND":
    case "EAI_AGAIN":
    case "EHOSTUNREACH":
    case "ENETUNREACH":
    case "ENOENT":
      return {
        errorCode: "P1001",
        message: `Can't reach database server at \`${location}\`\n\nPlease make sure your database server is running at \`${location}\`.`,
      };
    case "ETIMEDOUT":
      return {
        errorCode: "P1002",
        message: `The database server at \`${location}\` was reached but timed out.\n\nPlease try again.\n\nPlease make sure your database server is running at \`${location}\`.`,
      };
    case "28P01":
    case "28000":
      if (/password|authentication/i.test(error.message ?? "")) {
        return {
          errorCode: "P1000",
          message: `Authentication failed against database server at \`${info?.host ?? "the database server"}\`, the provided database credentials for \`${info?.user ?? ""}\` are not valid.\n\nPlease make sure to provide valid database credentials for the database server at \`${info?.host ?? "the database server"}\`.`,
        };
      }
      return {
        errorCode: "P1010",
        message: `User \`${info?.user ?? ""}\` was denied access on the database \`${info?.database ?? ""}\``,
      };
    case "3D000":
      return {
        errorCode: "P1003",
        message: `Database \`${info?.database ?? ""}\` does not exist on the database server at \`${location}\`.`,
      };
    case "42P04":
      return {
        errorCode: "P1009",
        message: `Database \`${info?.database ?? ""}\` already exists on the database server at \`${location}\``,
      };
    default:
      break;
  }
  if (
    error &&
    /timeout expired|Connection terminated due to connection timeout|Connection terminated unexpectedly/i.test(
      error.message ?? "",
    )
  ) {
    return {
      errorCode: "P1001",
      message: `Can't reach database server at \`${location}\`\n\nPlease make sure your database server is running at \`${location}\`.`,
    };
  }
  if (error && /does not support SSL|SSL connection|self[- ]signed certificate|certificate/i.test(error.message ?? "")) {
    return { errorCode: "P1011", message: `Error opening a TLS connection: ${error.message}` };
  }
  return undefined;
}

/** Formats a PostgreSQL error the way the native engine's "Database error" messages read. */
export function describeSqlError(error, script) {
  const lines = [`ERROR: ${error.message}`];
  if (error.detail) lines.push(`DETAIL: ${error.detail}`);
  if (error.hint) lines.push(`HINT: ${error.hint}`);
  if (error.where) lines.push(`CONTEXT: ${error.where}`);
  let message = error.code ? `Database error code: ${error.code}\n\nDatabase error:\n${lines.join("\n")}` : lines.join("\n");
  const position = Number(error.position);
  if (typeof script === "string" && Number.isInteger(position) && position > 0) {
    const before = script.slice(0, position - 1);
    const lineNumber = before.split("\n").length;
    const line = script.split("\n")[lineNumber - 1] ?? "";
    message += `\n\nPosition:\n  line ${lineNumber}: ${line.trim()}`;
  }
  return { message };
}

const SPANTRACE = /\n\s+\d+: [\s\S]*$/;

/**
 * Rewrites the WASM engine's "external connector error" for a failed migration script
 * into the native engine's wording (P3018 / P3006), using the PostgreSQL error we saw.
 */
export function describeMigrationFailure(message, sqlError) {
  if (!sqlError || !/external connector error/.test(message)) return undefined;
  const database = describeSqlError(sqlError.error, sqlError.script).message;
  const shadow = /^Migration `([^`]+)` failed to apply cleanly to the shadow database/.exec(message);
  if (shadow) {
    return {
      errorCode: "P3006",
      message: `Migration \`${shadow[1]}\` failed to apply cleanly to the shadow database. \nError:\n${database}`,
    };
  }
  const applying = /apply_migration::apply_script[\s\S]*?migration_name="([^"]+)"/.exec(message);
  if (applying) {
    return {
      errorCode: "P3018",
      message: `A migration failed to apply. New migrations cannot be applied before the error is recovered from. Read more about how to resolve migration issues in a production database: https://pris.ly/d/migrate-resolve\n\nMigration name: ${applying[1]}\n\n${database}`,
    };
  }
  return { message: message.replace(/external connector error\n[^\n]*/, database).replace(SPANTRACE, "") };
}
