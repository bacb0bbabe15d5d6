import { describe, expect, it } from "vitest";
import { precheckInvoice, type PrecheckInvoice, type PrecheckRules } from "./precheck";

const RULES: PrecheckRules = { vatRateBps: 1100, maxDiscountBps: 2000, maxDueDays: 30, requiredFields: [] };

const GOOD: PrecheckInvoice = {
  customer: { name: "PT Maju", email: "billing@maju.example", taxId: "01.234.567.8-901.000", address: "Jl. Sudirman 1, Jakarta" },
  issueDate: "2026-11-01",
  dueDate: "2026-11-15",
  taxRateBps: 1100,
  discountBps: 1000,
  notes: "Thank you",
  lines: [{ description: "Consulting" }],
};

function rulesBroken(invoice: Partial<PrecheckInvoice>, rules: Partial<PrecheckRules> = {}) {
  return precheckInvoice({ ...GOOD, ...invoice }, { ...RULES, ...rules }).violations.map((v) => [v.rule, v.field]);
}

describe("precheckInvoice", () => {
  it("passes an invoice that follows every rule", () => {
    expect(precheckInvoice(GOOD, { ...RULES, requiredFields: ["customerEmail", "customerTaxId", "customerAddress", "notes", "lines"] })).toEqual({
      valid: true,
      violations: [],
    });
  });

  it("flags a VAT rate other than the SOP's, and accepts the SOP's", () => {
    const result = precheckInvoice({ ...GOOD, taxRateBps: 1000 }, RULES);
    expect(result.valid).toBe(false);
    expect(result.violations).toEqual([
      {
        rule: "vat-rate",
        field: "taxRate",
        message: "The VAT rate is 10% but the SOP requires 11%.",
        template: { template: "The VAT rate is {0}% but the SOP requires {1}%.", values: ["10", "11"] },
      },
    ]);
    expect(rulesBroken({ taxRateBps: 0 })).toEqual([["vat-rate", "taxRate"]]);
    expect(rulesBroken({ taxRateBps: 1200 }, { vatRateBps: 1200 })).toEqual([]);
  });

  it("flags a 50% discount over a 20% maximum, and allows exactly the maximum", () => {
    const result = precheckInvoice({ ...GOOD, discountBps: 5000 }, RULES);
    expect(result.valid).toBe(false);
    expect(result.violations.map((v) => [v.rule, v.field, v.message])).toEqual([
      ["max-discount", "discount", "A 50% discount exceeds the SOP maximum of 20%."],
    ]);
    expect(rulesBroken({ discountBps: 2000 })).toEqual([]);
    expect(rulesBroken({ discountBps: 2001 })).toEqual([["max-discount", "discount"]]);
    expect(rulesBroken({ discountBps: 0 })).toEqual([]);
  });

  it("flags a due date before the issue date, and accepts the same day (due on receipt)", () => {
    expect(rulesBroken({ dueDate: "2026-10-31" })).toEqual([["due-not-before-issue", "dueDate"]]);
    expect(precheckInvoice({ ...GOOD, dueDate: "2026-10-31" }, RULES).violations[0]?.message).toBe("The due date cannot be before the issue date.");
    expect(rulesBroken({ dueDate: "2026-11-01" })).toEqual([]);
    expect(rulesBroken({ dueDate: "2026-11-01" }, { maxDueDays: 0 })).toEqual([]);
    expect(rulesBroken({ dueDate: "2026-11-02" })).toEqual([]);
  });

  it("flags a due date beyond N days, counting calendar days across months", () => {
    expect(rulesBroken({ dueDate: "2026-12-01" })).toEqual([]); // 30 days
    const late = precheckInvoice({ ...GOOD, dueDate: "2026-12-02" }, RULES);
    expect(late.violations.map((v) => [v.rule, v.field, v.message])).toEqual([
      ["due-within", "dueDate", "The due date is 31 days after the issue date; the SOP allows at most 30."],
    ]);
    expect(rulesBroken({ issueDate: "2026-02-01", dueDate: "2026-03-04" }, { maxDueDays: 30 })).toEqual([["due-within", "dueDate"]]);
    expect(rulesBroken({ dueDate: "2026-11-08" }, { maxDueDays: 7 })).toEqual([]);
    expect(rulesBroken({ dueDate: "2026-11-09" }, { maxDueDays: 7 })).toEqual([["due-within", "dueDate"]]);
  });

  it("flags what every invoice needs: a customer and real dates", () => {
    expect(rulesBroken({ customer: null, issueDate: null, dueDate: "2026-02-30" })).toEqual([
      ["required", "customerId"],
      ["required", "issueDate"],
      ["required", "dueDate"],
    ]);
  });

  it("flags each missing field the SOP requires, and ignores unknown names", () => {
    const all = ["customerEmail", "customerTaxId", "customerAddress", "notes", "lines", "colour"];
    const bare: Partial<PrecheckInvoice> = {
      customer: { name: "PT Maju", email: " ", taxId: null, address: "" },
      notes: "   ",
      lines: [{ description: "Consulting" }, { description: "" }],
    };
    expect(precheckInvoice({ ...GOOD, ...bare }, { ...RULES, requiredFields: all }).violations.map((v) => [v.field, v.message])).toEqual([
      ["customerId", "The SOP requires the customer's email address."],
      ["customerId", "The SOP requires the customer's tax ID (NPWP)."],
      ["customerId", "The SOP requires the customer's address."],
      ["notes", "The SOP requires notes on the invoice."],
      ["lines", "The SOP requires at least one line item with a description."],
    ]);
    expect(rulesBroken({ lines: [] }, { requiredFields: ["lines"] })).toEqual([["required", "lines"]]);
    expect(rulesBroken({ lines: [] })).toEqual([]);
    // Without a customer, one message instead of one per customer field.
    expect(rulesBroken({ customer: null }, { requiredFields: ["customerEmail", "customerTaxId"] })).toEqual([["required", "customerId"]]);
  });

  it("reports every broken rule at once", () => {
    expect(rulesBroken({ taxRateBps: 0, discountBps: 5000, dueDate: "2026-10-01", notes: null }, { requiredFields: ["notes"] })).toEqual([
      ["required", "notes"],
      ["vat-rate", "taxRate"],
      ["max-discount", "discount"],
      ["due-not-before-issue", "dueDate"],
    ]);
  });
});
