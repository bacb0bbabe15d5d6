import { spawn } from "node:child_process";
import path from "node:path";
import { redactUrls } from "./redact";

const ROOT = path.resolve(import.meta.dirname, "../../..");

/**
 * Runs the Prisma CLI (with our schema-engine stand-in when no native engine is
 * installed, see prisma/engine) against `databaseUrl`. Output is passed through
 * with any password in a URL masked.
 */
export function runPrismaCli(args: string[], databaseUrl: string, options: { quiet?: boolean } = {}): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, "node_modules/prisma/build/index.js"), ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    const onData = (chunk: Buffer) => {
      const text = redactUrls(chunk.toString());
      output += text;
      if (!options.quiet) process.stdout.write(text);
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? 1, output }));
  });
}

export async function applyMigrations(databaseUrl: string, options: { quiet?: boolean } = {}): Promise<void> {
  const result = await runPrismaCli(["migrate", "deploy"], databaseUrl, options);
  if (result.code !== 0) {
    throw new Error(`Migrations failed (prisma migrate deploy exited with ${result.code}).${options.quiet ? `\n${result.output}` : ""}`);
  }
}

/**
 * Applies the pending migrations and says which ones it applied (empty: the
 * database was current). Used for the databases beside the primary one (an
 * ISOLATED team's, a region's server) by provisioning and schema sync.
 */
export async function applyPendingMigrations(databaseUrl: string): Promise<string[]> {
  const result = await runPrismaCli(["migrate", "deploy"], databaseUrl, { quiet: true });
  if (result.code !== 0) {
    // Prisma's own explanation, URLs already masked, without the banner lines.
    const reason = result.output
      .split("\n")
      .map((line) => line.trim())
      .filter((line) => line !== "" && !/^(Prisma schema loaded|Datasource|Loaded Prisma config|Environment variables)/.test(line))
      .slice(-6)
      .join(" ");
    throw new Error(`Migrations failed: ${reason || `prisma migrate deploy exited with ${result.code}`}`);
  }
  return [...result.output.matchAll(/└─ (\d{14}_[A-Za-z0-9_]+)\//g)].map((match) => match[1] ?? "").filter(Boolean);
}
