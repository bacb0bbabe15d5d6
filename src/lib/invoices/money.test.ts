import { describe, expect, it } from "vitest";
import {
  computeInvoiceTotals,
  divRoundHalfUp,
  formatBps,
  formatMinor,
  formatMoney,
  formatQuantity,
  lineAmountMinor,
  MAX_AMOUNT_MINOR,
  minorDigits,
  parseDecimalToMinor,
  parsePercentToBps,
  parseQuantityToMilli,
  totalsFit,
} from "./money";

describe("rounding", () => {
  it("rounds halves up and everything else to the nearest unit", () => {
    expect(divRoundHalfUp(5n, 10n)).toBe(1n);
    expect(divRoundHalfUp(4n, 10n)).toBe(0n);
    expect(divRoundHalfUp(15n, 10n)).toBe(2n);
    expect(divRoundHalfUp(14n, 10n)).toBe(1n);
    expect(divRoundHalfUp(0n, 7n)).toBe(0n);
    expect(() => divRoundHalfUp(-1n, 2n)).toThrow(RangeError);
  });

  it("rounds a line amount half up on quantity × price / 1000", () => {
    // 1.5 × 0.01 = 0.015 → 0.02 (half up), 1.4 × 0.01 = 0.014 → 0.01
    expect(lineAmountMinor(1500, 1n)).toBe(2n);
    expect(lineAmountMinor(1400, 1n)).toBe(1n);
    expect(lineAmountMinor(2500, 333n)).toBe(833n); // 832.5 → 833
    expect(lineAmountMinor(1000, 150000050n)).toBe(150000050n);
  });

  it("takes the discount on the subtotal and the tax on what remains, each rounded once", () => {
    const totals = computeInvoiceTotals({
      lines: [
        { quantityMilli: 1000, unitPriceMinor: 10_005n }, // 100.05
        { quantityMilli: 3000, unitPriceMinor: 3_333n }, // 99.99
      ],
      discountBps: 1250, // 12.5%
      taxRateBps: 1100, // 11%
    });
    expect(totals.lineAmountsMinor).toEqual([10_005n, 9_999n]);
    expect(totals.subtotalMinor).toBe(20_004n);
    // 20004 × 0.125 = 2500.5 → 2501
    expect(totals.discountMinor).toBe(2_501n);
    // (20004 − 2501) × 0.11 = 1925.33 → 1925
    expect(totals.taxMinor).toBe(1_925n);
    expect(totals.totalMinor).toBe(20_004n - 2_501n + 1_925n);
  });

  it("gives zero totals for an invoice without lines", () => {
    expect(computeInvoiceTotals({ lines: [], discountBps: 2000, taxRateBps: 1100 })).toEqual({
      lineAmountsMinor: [],
      subtotalMinor: 0n,
      discountMinor: 0n,
      taxMinor: 0n,
      totalMinor: 0n,
    });
  });
});

describe("big IDR totals", () => {
  it("computes exactly beyond 2^31 and 2^53 minor units", () => {
    // 5,000 units at Rp 987,654,321,987.65 each: about 4.9 × 10^17 minor units.
    const unit = parseDecimalToMinor("987654321987.65", minorDigits("IDR"));
    if (!unit.ok) throw new Error("parse failed");
    const totals = computeInvoiceTotals({ lines: [{ quantityMilli: 5_000_000, unitPriceMinor: unit.value }], discountBps: 0, taxRateBps: 1100 });
    expect(totals.subtotalMinor).toBe(493_827_160_993_825_000n);
    expect(totals.subtotalMinor > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
    expect(totals.taxMinor).toBe(54_320_987_709_320_750n);
    expect(totals.totalMinor).toBe(548_148_148_703_145_750n);
    expect(totalsFit(totals)).toBe(true);
    expect(formatMinor(totals.totalMinor, 2)).toBe("5481481487031457.50");
  });

  it("adds past 2^31 where an Int column would overflow", () => {
    const totals = computeInvoiceTotals({ lines: [{ quantityMilli: 1000, unitPriceMinor: 1_500_000_000_00n }], discountBps: 0, taxRateBps: 0 });
    expect(totals.totalMinor).toBe(150_000_000_000n);
    expect(totals.totalMinor > 2n ** 31n).toBe(true);
  });

  it("says when totals are too large to store", () => {
    const totals = computeInvoiceTotals({ lines: [{ quantityMilli: 1_000_000_000, unitPriceMinor: MAX_AMOUNT_MINOR }], discountBps: 0, taxRateBps: 0 });
    expect(totalsFit(totals)).toBe(false);
  });
});

describe("parsing decimal strings", () => {
  it("parses amounts per currency digits", () => {
    expect(parseDecimalToMinor("1500000.50", 2)).toEqual({ ok: true, value: 150000050n });
    expect(parseDecimalToMinor("1500000.5", 2)).toEqual({ ok: true, value: 150000050n });
    expect(parseDecimalToMinor("1500000", 2)).toEqual({ ok: true, value: 150000000n });
    expect(parseDecimalToMinor(" 12.30 ", 2)).toEqual({ ok: true, value: 1230n });
    expect(parseDecimalToMinor("0.005", 3)).toEqual({ ok: true, value: 5n });
  });

  it("handles zero-decimal currencies", () => {
    expect(minorDigits("JPY")).toBe(0);
    expect(parseDecimalToMinor("1234", 0)).toEqual({ ok: true, value: 1234n });
    expect(parseDecimalToMinor("1234.00", 0)).toEqual({ ok: true, value: 1234n });
    expect(parseDecimalToMinor("1234.5", 0)).toEqual({ ok: false, error: "precision" });
    const totals = computeInvoiceTotals({ lines: [{ quantityMilli: 3000, unitPriceMinor: 333n }], discountBps: 1000, taxRateBps: 1000 });
    // 999 − 99.9→100 = 899, tax 89.9 → 90
    expect([totals.subtotalMinor, totals.discountMinor, totals.taxMinor, totals.totalMinor]).toEqual([999n, 100n, 90n, 989n]);
    expect(formatMinor(989n, 0)).toBe("989");
  });

  it("refuses more decimals than the currency has, and anything that is not a plain decimal", () => {
    expect(parseDecimalToMinor("1.005", 2)).toEqual({ ok: false, error: "precision" });
    for (const bad of ["", "1,500.00", "1.500,00", "-5", "+5", "1e5", "abc", ".5", "5.", "0x10", "Infinity"]) {
      expect(parseDecimalToMinor(bad, 2), bad).toEqual({ ok: false, error: "format" });
    }
    expect(parseDecimalToMinor("99999999999999999999", 2)).toEqual({ ok: false, error: "range" });
    expect(parseDecimalToMinor("10000000000000000.01", 2)).toEqual({ ok: false, error: "range" });
  });

  it("parses quantities to thousandths and percents to basis points", () => {
    expect(parseQuantityToMilli("1.5")).toEqual({ ok: true, value: 1500 });
    expect(parseQuantityToMilli("0.001")).toEqual({ ok: true, value: 1 });
    expect(parseQuantityToMilli("1000000")).toEqual({ ok: true, value: 1_000_000_000 });
    expect(parseQuantityToMilli("0")).toEqual({ ok: false, error: "range" });
    expect(parseQuantityToMilli("1000000.001")).toEqual({ ok: false, error: "range" });
    expect(parseQuantityToMilli("1.0005")).toEqual({ ok: false, error: "precision" });
    expect(parsePercentToBps("11")).toEqual({ ok: true, value: 1100 });
    expect(parsePercentToBps("12.5")).toEqual({ ok: true, value: 1250 });
    expect(parsePercentToBps("100")).toEqual({ ok: true, value: 10_000 });
    expect(parsePercentToBps("100.01")).toEqual({ ok: false, error: "range" });
    expect(parsePercentToBps("1.234")).toEqual({ ok: false, error: "precision" });
  });
});

describe("formatting", () => {
  it("writes minor units back as decimal strings", () => {
    expect(formatMinor(150000050n, 2)).toBe("1500000.50");
    expect(formatMinor(5n, 2)).toBe("0.05");
    expect(formatMinor(5n, 3)).toBe("0.005");
    expect(formatMinor(0n, 2)).toBe("0.00");
    expect(formatQuantity(1500)).toBe("1.5");
    expect(formatQuantity(2000)).toBe("2");
    expect(formatBps(1100)).toBe("11");
    expect(formatBps(1250)).toBe("12.5");
    expect(formatBps(5)).toBe("0.05");
  });

  it("formats money for people with the ISO digits and no float", () => {
    // Intl separates the code with a no-break space.
    const plain = (text: string) => text.replace(/\s/g, " ");
    expect(plain(formatMoney(150000050n, "IDR", "en"))).toBe("IDR 1,500,000.50");
    expect(plain(formatMoney(150000050n, "IDR", "id"))).toBe("IDR 1.500.000,50");
    expect(plain(formatMoney(1234n, "JPY", "en"))).toBe("JPY 1,234");
    expect(plain(formatMoney(548_148_148_703_145_751n, "IDR", "en"))).toBe("IDR 5,481,481,487,031,457.51");
  });
});
