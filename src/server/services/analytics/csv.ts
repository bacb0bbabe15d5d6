/**
 * CSV export of the analytics reports (RFC 4180: comma, CRLF, quoted when
 * needed). Text that came from users (names, emails, team names) is neutralised
 * against formula injection: a cell starting with = + - @ (or a tab or carriage
 * return) would be run as a formula by a spreadsheet, so it gets a leading
 * apostrophe. Numbers are ours and written as plain numbers (a negative net new
 * MRR stays a number).
 */
import type { PlatformAnalytics, TeamAnalytics } from "./reports";

export type CsvCell = string | number | null;

export const CSV_TABLES = ["summary", "series", "users"] as const;
export type CsvTable = (typeof CSV_TABLES)[number];

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: CsvCell): string {
  if (value === null) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) || text.trim() !== text ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The document: a UTF-8 byte order mark (so spreadsheets read non-ASCII names right), then the rows. */
export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly CsvCell[]>): string {
  return `\uFEFF${[header, ...rows].map((row) => row.map(csvCell).join(",")).join("\r\n")}\r\n`;
}

const usd = (cents: number): number => cents / 100;
const usdOfMicros = (micros: number): number => micros / 1_000_000;
const rate = (value: number | null): number | null => (value === null ? null : Number(value.toFixed(6)));

export function platformCsv(report: PlatformAnalytics, table: CsvTable): string {
  if (table === "series") {
    return toCsv(
      ["period_start", "period_end", "mrr_usd", "net_new_mrr_usd", "revenue_usd", "ai_cost_usd", "ai_tokens"],
      report.series.map((p) => [p.from, p.to, usd(p.mrrCents), usd(p.netNewCents), usdOfMicros(p.revenueMicros), usdOfMicros(p.costMicros), p.tokens]),
    );
  }
  if (table === "users") {
    return toCsv(
      ["rank", "name", "email", "team", "ai_tokens", "input_tokens", "output_tokens", "calls", "ai_cost_usd"],
      report.topUsers.map((u, i) => [i + 1, u.name, u.email, u.teamName, u.tokens, u.inputTokens, u.outputTokens, u.calls, usdOfMicros(u.costMicros)]),
    );
  }
  const s = report.summary;
  return toCsv(
    ["metric", "value"],
    [
      ["from", report.from],
      ["to", report.to],
      ["mrr_start_usd", usd(s.mrrStartCents)],
      ["mrr_end_usd", usd(s.mrrEndCents)],
      ["net_new_mrr_usd", usd(s.netNewCents)],
      ["new_mrr_usd", usd(s.breakdownCents.new)],
      ["expansion_mrr_usd", usd(s.breakdownCents.expansion)],
      ["reactivation_mrr_usd", usd(s.breakdownCents.reactivation)],
      ["contraction_mrr_usd", usd(s.breakdownCents.contraction)],
      ["churned_mrr_usd", usd(s.breakdownCents.churn)],
      ["logo_churn_rate", rate(s.logoChurnRate)],
      ["revenue_churn_rate", rate(s.revenueChurnRate)],
      ["paying_teams_start", s.payingTeamsStart],
      ["active_teams", s.payingTeamsEnd],
      ["arpu_usd", s.arpuCents === null ? null : usd(s.arpuCents)],
      ["revenue_usd", usdOfMicros(report.ai.revenueMicros)],
      ["ai_cost_usd", usdOfMicros(report.ai.costMicros)],
      ["ai_tokens", report.ai.inputTokens + report.ai.outputTokens],
      ["ai_cost_share", rate(report.ai.costShare)],
    ],
  );
}

export function teamCsv(report: TeamAnalytics, table: CsvTable): string {
  if (table === "series") {
    return toCsv(
      ["period_start", "period_end", "ai_tokens", "input_tokens", "output_tokens", "ai_cost_usd", "plan_fee_usd", "overage_usd", "paid_usd"],
      report.series.map((p) => [
        p.from,
        p.to,
        p.tokens,
        p.inputTokens,
        p.outputTokens,
        usdOfMicros(p.costMicros),
        usdOfMicros(p.feeMicros),
        usdOfMicros(p.overageMicros),
        usdOfMicros(p.paidMicros),
      ]),
    );
  }
  if (table === "users") {
    return toCsv(
      ["rank", "name", "email", "ai_tokens", "input_tokens", "output_tokens", "calls", "ai_cost_usd"],
      report.topUsers.map((u, i) => [i + 1, u.name, u.email, u.tokens, u.inputTokens, u.outputTokens, u.calls, usdOfMicros(u.costMicros)]),
    );
  }
  const t = report.totals;
  return toCsv(
    ["metric", "value"],
    [
      ["from", report.from],
      ["to", report.to],
      ["plan", report.plan.name],
      ["mrr_usd", usd(report.mrrCents)],
      ["ai_tokens", t.inputTokens + t.outputTokens],
      ["ai_calls", t.calls],
      ["ai_cost_usd", usdOfMicros(t.costMicros)],
      ["plan_fee_usd", usdOfMicros(t.feeMicros)],
      ["overage_usd", usdOfMicros(t.overageMicros)],
      ["paid_usd", usdOfMicros(t.paidMicros)],
      ["margin_usd", usdOfMicros(t.marginMicros)],
      ["ai_cost_share", rate(t.costShare)],
    ],
  );
}
