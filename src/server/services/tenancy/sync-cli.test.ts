import { describe, expect, it } from "vitest";
import { formatSyncResult, formatSyncSummary, parseSyncTenantsArgs } from "./sync-cli";

describe("parseSyncTenantsArgs", () => {
  it("defaults to concurrency 4 over every tenant", () => {
    expect(parseSyncTenantsArgs([])).toEqual({ kind: "sync", concurrency: 4, teamIds: undefined });
  });

  it("reads --concurrency and repeated --team, in both spellings, without duplicates", () => {
    expect(parseSyncTenantsArgs(["--concurrency", "8", "--team", "t1", "--team=t2", "--team", "t1"])).toEqual({ kind: "sync", concurrency: 8, teamIds: ["t1", "t2"] });
    expect(parseSyncTenantsArgs(["--concurrency=1"])).toEqual({ kind: "sync", concurrency: 1, teamIds: undefined });
  });

  it("refuses bad values and unknown flags with a message", () => {
    for (const argv of [["--concurrency", "0"], ["--concurrency", "33"], ["--concurrency", "2.5"], ["--concurrency"], ["--team"], ["--team", "--concurrency", "2"], ["--team", "a b"], ["--dry-run"], ["t1"]]) {
      const parsed = parseSyncTenantsArgs(argv);
      expect(parsed.kind, argv.join(" ")).toBe("error");
    }
    expect(parseSyncTenantsArgs(["--concurrency", "abc"])).toEqual({ kind: "error", message: "--concurrency must be a whole number from 1 to 32, not abc." });
    expect(parseSyncTenantsArgs(["--help"])).toEqual({ kind: "help" });
  });
});

describe("formatSyncResult / formatSyncSummary", () => {
  it("prints one line per tenant and a summary", () => {
    const applied = { teamId: "t1", target: "tenant_t1", outcome: "applied" as const, changes: ["ALTER TABLE x", "-- drift (kept): column Task.a exists only in the tenant schema"], error: null, durationMs: 12 };
    const current = { teamId: "t2", target: "tenant_t2", outcome: "current" as const, changes: [], error: null, durationMs: 3 };
    const failed = { teamId: "t3", target: "tenant_t3", outcome: "failed" as const, changes: [], error: "relation exists", durationMs: 5 };
    expect(formatSyncResult(applied)).toBe("✓ applied t1 (tenant_t1) 12 ms — 1 statement(s) applied, 1 drift item(s) kept");
    expect(formatSyncResult(current)).toBe("· current t2 (tenant_t2) 3 ms — already current");
    expect(formatSyncResult(failed)).toBe("✗ failed  t3 (tenant_t3) 5 ms — error: relation exists");
    expect(formatSyncSummary({ runId: "r1", results: [applied, current, failed] })).toBe("Sync run r1: 3 tenant(s) — 1 applied, 1 already current, 1 failed.");
  });
});
