import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "..");

describe("start script", () => {
  it("refuses to start with one clear line and a non-zero exit when the database is down", () => {
    const result = spawnSync(process.execPath, [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), "scripts/start.ts", "--no-app"], {
      cwd: ROOT,
      encoding: "utf8",
      timeout: 60_000,
      env: { ...process.env, DATABASE_URL: "postgresql://app:s3cret-pw@127.0.0.1:1/nowhere" },
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("Cannot reach the database at 127.0.0.1:1/nowhere: connection refused");
    expect(result.stdout + result.stderr).not.toContain("s3cret-pw");
  });
});
