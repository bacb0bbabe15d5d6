import { spawn } from "node:child_process";
import path from "node:path";
import { redactUrls } from "./redact";

/**
 * The checkout, where node_modules/prisma and prisma/ are. Resolved when used:
 * inside the Next bundle (tier moves provision databases from the app) there is
 * no import.meta.dirname, and the server runs from the checkout.
 */
function projectRoot(): string {
  const here = import.meta.dirname as string | undefined;
  return here ? path.resolve(here, "../../..") : process.cwd();
}

/**
 * Runs the Prisma CLI (with our schema-engine stand-in when no native engine is
 * installed, see prisma/engine) against `databaseUrl`. Output is passed through
 * with any password in a URL masked.
 */
export function runPrismaCli(args: string[], databaseUrl: string, options: { quiet?: boolean } = {}): Promise<{ code: number; output: string }> {
  const root = projectRoot();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, "node_modules/prisma/build/index.js"), ...args], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    // Redacted whole at the end too: a URL split across two chunks escapes a per-chunk mask.
    let raw = "";
    const onData = (chunk: Buffer) => {
      raw += chunk.toString();
      if (!options.quiet) process.stdout.write(redactUrls(chunk.toString()));
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? 1, output: redactUrls(raw) }));
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
