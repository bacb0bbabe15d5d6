import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "..");

function start(env: NodeJS.ProcessEnv) {
  return spawnSync(process.execPath, [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), "scripts/start.ts", "--no-app"], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: 60_000,
    // Only what is given: the test worker's own variables must not make the configuration valid.
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
  });
}

describe("start script configuration check", () => {
  it("in production, stops before touching the database with one line per problem and no values", () => {
    const result = start({
      NODE_ENV: "production",
      AUTH_SECRET: "short-auth-secret-value",
      STRIPE_SECRET_KEY: "sk_test_startcheck123",
      DATABASE_POOL_MAX: "500",
    });
    expect(result.status).toBe(1);
    const errors = result.stderr.split("\n").filter((line) => line.startsWith("✗"));
    expect(errors).toEqual([
      "✗ Invalid configuration (4 problems):",
      "✗ AUTH_SECRET: must be at least 32 random characters, not a repeated or placeholder value (e.g. openssl rand -base64 32)",
      "✗ DATABASE_POOL_MAX: must be a whole number from 1 to 200",
      "✗ DATABASE_URL: required in production (a postgresql:// URL)",
      "✗ STRIPE_WEBHOOK_SECRET: required when STRIPE_SECRET_KEY is set (webhooks are how payments reach the app)",
    ]);
    const output = result.stdout + result.stderr;
    expect(output).not.toContain("short-auth-secret-value");
    expect(output).not.toContain("sk_test_startcheck123");
    // Production never falls back to the embedded database or generated secrets.
    expect(output).not.toContain("embedded");
  });

  it("in development, a malformed value still stops it (shape is checked in every mode)", () => {
    const result = start({ NODE_ENV: "development", DATABASE_URL: "postgresql://app@127.0.0.1:1/nowhere", AUTH_SECRET: "x".repeat(40), PII_ENCRYPTION_KEY: "0".repeat(64), REDIS_URL: "localhost:6379" });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("✗ REDIS_URL: must be a redis:// or rediss:// URL");
    expect(result.stderr).not.toContain("Cannot reach the database");
    expect(result.stdout).not.toContain("Using embedded defaults");
  });
});
