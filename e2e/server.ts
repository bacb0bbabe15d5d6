/** Playwright's web server: a fresh database, then the real start script (migrations + next start). */
import { spawn } from "node:child_process";
import path from "node:path";
import { createE2eDatabase } from "./database";

const ROOT = path.resolve(import.meta.dirname, "..");
const url = await createE2eDatabase();
const child = spawn(process.execPath, [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), "scripts/start.ts"], {
  cwd: ROOT,
  stdio: "inherit",
  env: {
    ...process.env,
    DATABASE_URL: url,
    AUTH_SECRET: process.env.AUTH_SECRET ?? "e2e-secret-0123456789-abcdefghijklmnop",
    // Every spec signs up and in from 127.0.0.1: the per-address auth limits are for the public, not for this run.
    RATE_LIMIT_AUTH: "1000/1m",
    SIGN_UP_LIMIT: "1000/1h",
  },
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => process.exit(code ?? 0));
