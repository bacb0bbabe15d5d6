import { describe, expect, it } from "vitest";
import {
  bucketsFor,
  invoiceOverageCents,
  kindOf,
  mrrAt,
  revenueSeries,
  summarizeRevenue,
  type LedgerRow,
} from "./metrics";
import { analyticsRangeProblem, MAX_PLATFORM_RANGE_DAYS, MAX_TEAM_RANGE_DAYS, rangeInstants } from "./range";

const at = (iso: string) => new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
const row = (teamId: string, kind: string, previousMrrCents: number, mrrCents: number, occurredAt: string): LedgerRow => ({
  teamId,
  kind,
  previousMrrCents,
  mrrCents,
  occurredAt: at(occurredAt),
});

// Starter $29 = 2,900¢, Professional $99 = 9,900¢, Enterprise $499 = 49,900¢.
const LEDGER: LedgerRow[] = [
  row("D", "new", 0, 2_900, "2025-12-01T09:00:00Z"),
  row("A", "new", 0, 2_900, "2026-01-10T09:00:00Z"),
  row("H", "new", 0, 2_900, "2026-01-01T09:00:00Z"),
  row("B", "new", 0, 9_900, "2026-02-01T09:00:00Z"),
  row("D", "churn", 2_900, 0, "2026-02-01T10:00:00Z"),
  row("C", "new", 0, 49_900, "2026-02-15T09:00:00Z"),
  row("H", "churn", 2_900, 0, "2026-02-20T09:00:00Z"),
  // In March (the range):
  row("F", "new", 0, 2_900, "2026-03-01T00:00:00Z"), // exactly at the start: in the range
  row("A", "expansion", 2_900, 9_900, "2026-03-05T12:00:00Z"),
  row("C", "contraction", 49_900, 9_900, "2026-03-10T09:00:00Z"),
  row("D", "reactivation", 0, 9_900, "2026-03-15T09:00:00Z"),
  row("B", "churn", 9_900, 0, "2026-03-20T09:00:00Z"),
  row("E", "new", 0, 2_900, "2026-03-25T09:00:00Z"),
  row("G", "new", 0, 2_900, "2026-04-01T00:00:00Z"), // exactly at the end: not in the range
];
const MARCH = { start: at("2026-03-01"), end: at("2026-04-01") };

describe("revenue metrics on a hand-written ledger", () => {
  it("computes MRR, net new MRR and its breakdown, churn, active teams and ARPU for March 2026", () => {
    const summary = summarizeRevenue(LEDGER, MARCH.start, MARCH.end);
    // MRR at start (events strictly before 03-01): A 2,900 + B 9,900 + C 49,900 (D and H churned) = 62,700
    expect(summary.mrrStartCents).toBe(62_700);
    expect(summary.payingTeamsStart).toBe(3);
    // MRR at end: A 9,900 + C 9,900 + D 9,900 + E 2,900 + F 2,900 (B churned, G is in April) = 35,500
    expect(summary.mrrEndCents).toBe(35_500);
    expect(summary.payingTeamsEnd).toBe(5);
    // new: F +2,900, E +2,900 = 5,800; expansion: A +7,000; contraction: C −40,000;
    // reactivation: D +9,900; churn: B −9,900
    expect(summary.breakdownCents).toEqual({ new: 5_800, expansion: 7_000, contraction: -40_000, churn: -9_900, reactivation: 9_900 });
    // 5,800 + 7,000 − 40,000 + 9,900 − 9,900 = −27,200 = 35,500 − 62,700
    expect(summary.netNewCents).toBe(-27_200);
    expect(summary.netNewCents).toBe(summary.mrrEndCents - summary.mrrStartCents);
    expect(summary.newTeams).toBe(2);
    expect(summary.reactivatedTeams).toBe(1);
    // logo churn: 1 team (B) ÷ 3 paying at start
    expect(summary.churnedTeams).toBe(1);
    expect(summary.logoChurnRate).toBeCloseTo(1 / 3, 10);
    // revenue churn (gross): (9,900 churned + 40,000 contraction) ÷ 62,700 = 49,900 / 62,700
    expect(summary.churnedMrrCents).toBe(9_900);
    expect(summary.contractionMrrCents).toBe(40_000);
    expect(summary.revenueChurnRate).toBeCloseTo(49_900 / 62_700, 10);
    // ARPU: 35,500 ÷ 5 = 7,100
    expect(summary.arpuCents).toBe(7_100);
  });

  it("reads MRR at an instant from each team's latest earlier event", () => {
    expect(mrrAt(LEDGER, at("2025-12-01"))).toBe(0);
    // D 2,900 only
    expect(mrrAt(LEDGER, at("2026-01-01"))).toBe(2_900);
    // D 2,900 + H 2,900 + A 2,900
    expect(mrrAt(LEDGER, at("2026-02-01"))).toBe(8_700);
    // G's event at 04-01 00:00 counts from the next instant on: 35,500 + 2,900
    expect(mrrAt(LEDGER, at("2026-04-01"))).toBe(35_500);
    expect(mrrAt(LEDGER, at("2026-04-01T00:00:00.001Z"))).toBe(38_400);
  });

  it("takes the later of two events at one instant in append order, whatever order the rows come in", () => {
    // A signup and its immediate upgrade in one transaction: same occurredAt.
    const ledger = [row("T", "new", 0, 2_900, "2026-02-10T08:00:00Z"), row("T", "expansion", 2_900, 9_900, "2026-02-10T08:00:00Z")];
    expect(mrrAt(ledger, at("2026-03-01"))).toBe(9_900);
    // Rows handed over by occurredAt descending elsewhere in the list still sort by time, stably.
    expect(mrrAt([row("U", "churn", 9_900, 0, "2026-02-20"), ...ledger, row("U", "new", 0, 9_900, "2026-02-01")], at("2026-03-01"))).toBe(9_900);
  });

  it("gives null, not 0 or Infinity, when a rate divides by zero", () => {
    const empty = summarizeRevenue([], MARCH.start, MARCH.end);
    expect(empty).toMatchObject({ mrrStartCents: 0, mrrEndCents: 0, netNewCents: 0, logoChurnRate: null, revenueChurnRate: null, arpuCents: null });
    // A team that signs up and churns inside the range: churned, but nobody paid at the start.
    const inside = summarizeRevenue([row("X", "new", 0, 2_900, "2026-03-02"), row("X", "churn", 2_900, 0, "2026-03-09")], MARCH.start, MARCH.end);
    expect(inside).toMatchObject({ churnedTeams: 1, logoChurnRate: null, revenueChurnRate: null, netNewCents: 0, arpuCents: null });
  });

  it("classifies an unknown kind by its change", () => {
    expect(kindOf({ kind: "mystery", previousMrrCents: 0, mrrCents: 100 })).toBe("new");
    expect(kindOf({ kind: "mystery", previousMrrCents: 100, mrrCents: 0 })).toBe("churn");
    expect(kindOf({ kind: "mystery", previousMrrCents: 100, mrrCents: 200 })).toBe("expansion");
    expect(kindOf({ kind: "mystery", previousMrrCents: 200, mrrCents: 100 })).toBe("contraction");
    expect(kindOf({ kind: "reactivation", previousMrrCents: 0, mrrCents: 100 })).toBe("reactivation");
  });
});

describe("series", () => {
  it("has one point per day up to 92 days, then one per calendar month clipped to the range", () => {
    // 2026-01-01 … 2026-04-02 is 31 + 28 + 31 + 2 = 92 days
    const daily = bucketsFor(at("2026-01-01"), at("2026-04-03"));
    expect(daily.granularity).toBe("day");
    expect(daily.buckets).toHaveLength(92);
    expect(daily.buckets[0]).toMatchObject({ from: "2026-01-01", to: "2026-01-01" });
    const monthly = bucketsFor(at("2026-01-01"), at("2026-04-04"));
    expect(monthly.granularity).toBe("month");
    expect(monthly.buckets.map((b) => [b.from, b.to])).toEqual([
      ["2026-01-01", "2026-01-31"],
      ["2026-02-01", "2026-02-28"],
      ["2026-03-01", "2026-03-31"],
      ["2026-04-01", "2026-04-03"],
    ]);
  });

  it("gives MRR at each day's end, net new MRR per day and revenue prorated by the month's days", () => {
    const { buckets } = bucketsFor(at("2026-03-04"), at("2026-03-07"));
    const points = revenueSeries(LEDGER, buckets, at("2026-12-31"));
    // Before 03-04: A 2,900 + B 9,900 + C 49,900 + F 2,900 = 65,600. A expands by 7,000 on 03-05.
    // Revenue per day in micro-USD: MRR¢ × 10,000 ÷ 31 (March):
    //   65,600 × 10,000 / 31 = 21,161,290.3 → 21,161,290; 72,600 × 10,000 / 31 = 23,419,354.8 → 23,419,355
    expect(points).toEqual([
      { mrrCents: 65_600, netNewCents: 0, revenueMicros: 21_161_290 },
      { mrrCents: 72_600, netNewCents: 7_000, revenueMicros: 23_419_355 },
      { mrrCents: 72_600, netNewCents: 0, revenueMicros: 23_419_355 },
    ]);
  });

  it("sums monthly revenue day by day across a signup and a churn", () => {
    // $31 a month from 01-20 10:00, churned at 02-10 00:00.
    const ledger = [row("X", "new", 0, 3_100, "2026-01-20T10:00:00Z"), row("X", "churn", 3_100, 0, "2026-02-10T00:00:00Z")];
    const { buckets } = bucketsFor(at("2026-01-15"), at("2026-05-01"));
    const points = revenueSeries(ledger, buckets, at("2026-12-31"));
    // January: days 01-20 … 01-31 = 12 days × 3,100 × 10,000 / 31 = 12 × 1,000,000 = 12,000,000
    // February: days 02-01 … 02-09 = 9 days × 3,100 × 10,000 / 28 = 9,964,285.7 → 9,964,286 (02-10 ends at 0)
    expect(points).toEqual([
      { mrrCents: 3_100, netNewCents: 3_100, revenueMicros: 12_000_000 },
      { mrrCents: 0, netNewCents: -3_100, revenueMicros: 9_964_286 },
      { mrrCents: 0, netNewCents: 0, revenueMicros: 0 },
      { mrrCents: 0, netNewCents: 0, revenueMicros: 0 },
    ]);
  });

  it("earns nothing on days that have not begun", () => {
    const ledger = [row("X", "new", 0, 3_100, "2026-01-20T10:00:00Z")];
    const { buckets } = bucketsFor(at("2026-01-15"), at("2026-02-01"));
    const points = revenueSeries(ledger, buckets, at("2026-01-25T12:00:00Z"));
    // 01-20 … 01-25 have begun: 6 days × 1,000,000; later days show the MRR but earn nothing yet.
    expect(points.reduce((sum, p) => sum + p.revenueMicros, 0)).toBe(6_000_000);
    expect(points.at(-1)).toEqual({ mrrCents: 3_100, netNewCents: 0, revenueMicros: 0 });
  });
});

describe("invoice overage", () => {
  const ledger = [row("P", "new", 0, 9_900, "2026-01-01T00:00:00Z"), row("P", "expansion", 9_900, 49_900, "2026-03-01T00:00:00Z")];
  it("is what an invoice asks beyond the plan fee in force when it was issued", () => {
    // 12,400 − 9,900 = 2,500
    expect(invoiceOverageCents(ledger, { amountDueCents: 12_400, status: "paid", issuedAt: at("2026-02-01") })).toBe(2_500);
    expect(invoiceOverageCents(ledger, { amountDueCents: 12_400, status: "open", issuedAt: at("2026-02-01") })).toBe(2_500);
    // Issued with the upgrade: the fee is the new plan's 49,900, so 52,000 − 49,900 = 2,100.
    expect(invoiceOverageCents(ledger, { amountDueCents: 52_000, status: "paid", issuedAt: at("2026-03-01") })).toBe(2_100);
    // A proration invoice below the fee, a voided one, a draft: no overage.
    expect(invoiceOverageCents(ledger, { amountDueCents: 4_000, status: "paid", issuedAt: at("2026-02-15") })).toBe(0);
    expect(invoiceOverageCents(ledger, { amountDueCents: 99_900, status: "void", issuedAt: at("2026-02-15") })).toBe(0);
    expect(invoiceOverageCents(ledger, { amountDueCents: 99_900, status: "draft", issuedAt: at("2026-02-15") })).toBe(0);
  });
});

describe("date range", () => {
  it("accepts whole days up to the scope's limit and explains every refusal", () => {
    expect(analyticsRangeProblem({ from: "2026-01-01", to: "2026-12-31" }, MAX_TEAM_RANGE_DAYS)).toBeNull();
    expect(analyticsRangeProblem({ from: "2024-01-01", to: "2024-12-31" }, MAX_TEAM_RANGE_DAYS)).toBeNull(); // leap year: 366
    expect(analyticsRangeProblem({ from: "2026-01-01", to: "2027-01-01" }, MAX_TEAM_RANGE_DAYS)).toBeNull(); // 366 days
    expect(analyticsRangeProblem({ from: "2026-01-01", to: "2027-01-02" }, MAX_TEAM_RANGE_DAYS)).toEqual({ field: "to", message: "Choose a range of at most 366 days." });
    expect(analyticsRangeProblem({ from: "2024-01-01", to: "2026-12-31" }, MAX_PLATFORM_RANGE_DAYS)).toBeNull();
    expect(analyticsRangeProblem({ from: "2024-01-01", to: "2027-01-01" }, MAX_PLATFORM_RANGE_DAYS)?.message).toBe("Choose a range of at most 3 years (1,096 days).");
    expect(analyticsRangeProblem({ from: "2026-02-30", to: "2026-03-01" }, MAX_TEAM_RANGE_DAYS)?.field).toBe("from");
    expect(analyticsRangeProblem({ from: "2026-03-02", to: "2026-03-01" }, MAX_TEAM_RANGE_DAYS)).toEqual({ field: "to", message: "Choose an end date on or after the start date." });
    expect(analyticsRangeProblem({ from: "1999-12-31", to: "2000-01-01" }, MAX_TEAM_RANGE_DAYS)?.field).toBe("from");
    expect(rangeInstants({ from: "2026-03-01", to: "2026-03-31" })).toEqual({ start: at("2026-03-01"), end: at("2026-04-01") });
  });
});
