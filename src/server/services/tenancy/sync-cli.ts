import type { SyncReport, SyncTenantResult } from "./sync";

/**
 * The command line of `npm run db:sync-tenants` (scripts/sync-tenants.ts), kept
 * pure so it is tested without a process: flags in, options or a usage error out;
 * a report in, the lines to print out.
 */
export const DEFAULT_SYNC_CONCURRENCY = 4;

export const SYNC_USAGE = "Usage: npm run db:sync-tenants -- [--concurrency N] [--team ID]... (N from 1 to 32; --team may repeat)";

export type SyncCliArgs = { kind: "sync"; concurrency: number; teamIds: string[] | undefined } | { kind: "help" } | { kind: "error"; message: string };

export function parseSyncTenantsArgs(argv: readonly string[]): SyncCliArgs {
  let concurrency = DEFAULT_SYNC_CONCURRENCY;
  const teamIds: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (arg === "--help" || arg === "-h") return { kind: "help" };
    const [flag, inline] = arg.startsWith("--") && arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    if (flag !== "--concurrency" && flag !== "--team") return { kind: "error", message: `Unknown argument: ${arg}` };
    const value = inline ?? argv[++i];
    if (value === undefined || value === "" || (inline === undefined && value.startsWith("--"))) return { kind: "error", message: `${flag} needs a value.` };
    if (flag === "--concurrency") {
      if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 32) return { kind: "error", message: `--concurrency must be a whole number from 1 to 32, not ${value}.` };
      concurrency = Number(value);
    } else {
      if (!/^[A-Za-z0-9_-]{1,100}$/.test(value)) return { kind: "error", message: `Not a team id: ${value}` };
      if (!teamIds.includes(value)) teamIds.push(value);
    }
  }
  return { kind: "sync", concurrency, teamIds: teamIds.length > 0 ? teamIds : undefined };
}

/** One line per tenant: outcome, team, target, then what changed or why it failed. */
export function formatSyncResult(result: SyncTenantResult): string {
  const mark = result.outcome === "failed" ? "✗" : result.outcome === "applied" ? "✓" : "·";
  const statements = result.changes.filter((line) => !line.startsWith("--")).length;
  const drift = result.changes.length - statements;
  const detail =
    result.outcome === "failed"
      ? `error: ${result.error ?? "unknown"}`
      : [result.outcome === "applied" ? `${statements} statement(s) applied` : "already current", drift > 0 ? `${drift} drift item(s) kept` : null].filter(Boolean).join(", ");
  return `${mark} ${result.outcome.padEnd(7)} ${result.teamId} (${result.target}) ${result.durationMs} ms — ${detail}`;
}

export function formatSyncSummary(report: SyncReport): string {
  const count = (outcome: SyncTenantResult["outcome"]) => report.results.filter((result) => result.outcome === outcome).length;
  return `Sync run ${report.runId}: ${report.results.length} tenant(s) — ${count("applied")} applied, ${count("current")} already current, ${count("failed")} failed.`;
}
