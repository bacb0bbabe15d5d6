import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { addMember, callerFor, createTeam, type TestTeam } from "../../../../../test/factories";
import { errorOf, fieldsOf } from "../../../../../test/trpc-errors";
import { DomainError } from "@/server/errors";
import { createCaller } from "@/server/api/root";
import { createInnerContext } from "@/server/api/trpc";
import { getBaseDb } from "@/server/db/client";
import { createAiGateway, setAiGatewayForTests, type AiGateway } from "@/server/services/ai/gateway";
import { createLocalProvider } from "@/server/services/ai/providers/local";
import type { AiCaller, AiProvider, RuleCheckInput } from "@/server/services/ai/types";
import { formFieldOf } from "@/server/services/invoices/precheck";
import type { RouterInputs } from "@/trpc/react";

let a: TestTeam;
let b: TestTeam;
let customerOfA: string;

type PrecheckInput = RouterInputs["invoice"]["precheck"];
type CheckRules = AiGateway["checkRules"];

const calls: Array<{ caller: AiCaller; input: RuleCheckInput }> = [];

/** A gateway whose checkRules does what the test says; everything else is not used by the pre-check. */
function fakeGateway(checkRules: CheckRules): AiGateway {
  const unused = () => {
    throw new Error("not used by the pre-check");
  };
  return {
    status: () => ({ provider: "gemini", label: "Fake", canReason: true, available: true, retryAt: null }),
    answer: unused,
    insights: unused,
    embedDocuments: unused,
    embedQuery: unused,
    embeddingModel: () => "fake-embedding",
    checkRules: (caller, input) => {
      calls.push({ caller, input });
      return checkRules(caller, input);
    },
  };
}

beforeAll(async () => {
  [a, b] = await Promise.all([createTeam("pre-a"), createTeam("pre-b")]);
  customerOfA = (await callerFor(a.owner, a.id).customer.create({ name: "PT Maju", email: "finance@maju.example" })).id;
});

afterEach(() => {
  setAiGatewayForTests(null);
  calls.length = 0;
});

function form(overrides: Partial<PrecheckInput> = {}): PrecheckInput {
  return {
    customerId: customerOfA,
    currency: "IDR",
    issueDate: "2026-11-01",
    dueDate: "2026-11-15",
    taxRate: "11",
    discount: "50",
    notes: "",
    lines: [{ description: "Consulting", quantity: "1", unitPrice: "1000000" }],
    ...overrides,
  };
}

describe("invoice pre-check", () => {
  it("flags a 50% discount beside the discount field, without asking the model when there are no plain-language rules", async () => {
    setAiGatewayForTests(fakeGateway(() => Promise.reject(new Error("must not be called"))));
    const result = await callerFor(a.owner, a.id).invoice.precheck(form());
    expect(result).toEqual({
      valid: false,
      reason: "A 50% discount exceeds the SOP maximum of 20%.",
      violations: [{ rule: "max-discount", field: "discount", message: "A 50% discount exceeds the SOP maximum of 20%.", source: "sop" }],
      ai: { status: "no-rules", provider: null, model: null, notice: null },
    });
    expect(calls).toEqual([]);
  });

  it("passes an invoice that follows the SOP", async () => {
    const result = await callerFor(a.owner, a.id).invoice.precheck(form({ discount: "20" }));
    expect(result).toMatchObject({ valid: true, violations: [], reason: "The invoice follows every checked rule of the SOP." });
  });

  it("reports what is still missing on an unsaved form instead of refusing it", async () => {
    const result = await callerFor(a.owner, a.id).invoice.precheck(form({ customerId: "", issueDate: "", dueDate: null, discount: "0", lines: [] }));
    expect(result.violations.map((v) => [v.rule, v.field])).toEqual([
      ["required", "customerId"],
      ["required", "issueDate"],
      ["required", "dueDate"],
    ]);
  });

  describe("with plain-language rules", () => {
    let team: TestTeam;
    let customer: string;

    beforeAll(async () => {
      team = await createTeam("pre-rules");
      const api = callerFor(team.owner, team.id);
      customer = (await api.customer.create({ name: "Budi Santoso", email: "budi@example.com" })).id;
      await api.invoiceRules.update({
        vatRate: "11",
        maxDiscount: "20",
        maxDueDays: 30,
        requiredFields: ["customerTaxId"],
        customRules: ["Consulting lines must name the project."],
      });
    });

    it("combines the deterministic result with the model's violations and reasons", async () => {
      setAiGatewayForTests(
        fakeGateway(() =>
          Promise.resolve({
            supported: true,
            provider: "gemini",
            model: "fake-model",
            violations: [
              { rule: "Consulting lines must name the project.", field: "lines[0].description", reason: "“Consulting” does not name a project." },
              { rule: "Consulting lines must name the project.", field: "something else", reason: "Also unclear overall." },
            ],
          }),
        ),
      );
      const result = await callerFor(team.owner, team.id).invoice.precheck(form({ customerId: customer }));
      expect(result.valid).toBe(false);
      expect(result.violations).toEqual([
        { rule: "required", field: "customerId", message: "The SOP requires the customer's tax ID (NPWP).", source: "sop" },
        { rule: "max-discount", field: "discount", message: "A 50% discount exceeds the SOP maximum of 20%.", source: "sop" },
        { rule: "Consulting lines must name the project.", field: "lines.0.description", message: "“Consulting” does not name a project.", source: "ai" },
        { rule: "Consulting lines must name the project.", field: null, message: "Also unclear overall.", source: "ai" },
      ]);
      expect(result.reason).toContain("A 50% discount exceeds the SOP maximum of 20%.");
      expect(result.reason).toContain("“Consulting” does not name a project.");
      expect(result.ai).toEqual({ status: "checked", provider: "gemini", model: "fake-model", notice: null });
      // The model got the team's rules, the invoice with amounts as decimal strings, and who pays.
      expect(calls).toHaveLength(1);
      expect(calls[0]?.caller).toEqual({ teamId: team.id, userId: team.owner.id });
      expect(calls[0]?.input.rules).toEqual(["Consulting lines must name the project."]);
      expect(calls[0]?.input.invoice).toMatchObject({
        // Who the customer is does not reach the model, only what is on file.
        customer: { name: "Customer A", hasEmail: true, hasAddress: false, hasTaxId: false },
        discountPercent: "50",
        lines: [{ description: "Consulting", quantity: "1", unitPrice: "1000000.00", amount: "1000000.00" }],
        total: "555000.00",
      });
    });

    it("is valid only when the model finds nothing either", async () => {
      setAiGatewayForTests(fakeGateway(() => Promise.resolve({ supported: true, provider: "gemini", model: "fake-model", violations: [] })));
      const api = callerFor(team.owner, team.id);
      await api.customer.update({ id: customer, data: { taxId: "01.234.567.8-901.000" } });
      const result = await api.invoice.precheck(form({ customerId: customer, discount: "5" }));
      expect(result).toMatchObject({ valid: true, violations: [], ai: { status: "checked" } });
      await api.customer.update({ id: customer, data: { taxId: null } });
    });

    it("keeps the deterministic result with a notice when the model is unavailable", async () => {
      setAiGatewayForTests(
        fakeGateway(() => Promise.reject(new DomainError("AI_UNAVAILABLE", "The AI service is not available right now. Please try again in a moment."))),
      );
      const result = await callerFor(team.owner, team.id).invoice.precheck(form({ customerId: customer }));
      expect(result.valid).toBe(false);
      expect(result.violations.map((v) => [v.source, v.field])).toEqual([
        ["sop", "customerId"],
        ["sop", "discount"],
      ]);
      expect(result.ai).toEqual({
        status: "unavailable",
        provider: null,
        model: null,
        notice: "The AI is unavailable, so only the deterministic rules were checked. The AI service is not available right now. Please try again in a moment.",
      });
    });

    it("keeps the deterministic result when the allowance is used up, or the gateway breaks", async () => {
      setAiGatewayForTests(fakeGateway(() => Promise.reject(new DomainError("QUOTA_EXCEEDED", "The team's AI allowance for this month is used up."))));
      const quota = await callerFor(team.owner, team.id).invoice.precheck(form({ customerId: customer }));
      expect(quota.ai.status).toBe("quota");
      expect(quota.violations).toHaveLength(2);
      setAiGatewayForTests(fakeGateway(() => Promise.reject(new TypeError("bug in a provider"))));
      const broken = await callerFor(team.owner, team.id).invoice.precheck(form({ customerId: customer }));
      expect(broken.ai.status).toBe("unavailable");
      expect(broken.violations).toHaveLength(2);
    });

    it("says so when the local provider cannot check plain-language rules", async () => {
      setAiGatewayForTests(fakeGateway(() => Promise.resolve({ supported: false, provider: "local", model: "local-extractive" })));
      const result = await callerFor(team.owner, team.id).invoice.precheck(form({ customerId: customer }));
      expect(result.ai).toEqual({ status: "local", provider: "local", model: "local-extractive", notice: "Local AI: only the deterministic rules were checked." });
      expect(result.violations.map((v) => v.rule)).toEqual(["required", "max-discount"]);
    });

    it("answers in the reader's language", async () => {
      setAiGatewayForTests(fakeGateway(() => Promise.resolve({ supported: false, provider: "local", model: "local-extractive" })));
      const api = createCaller(
        createInnerContext({ session: { user: { id: team.owner.id, email: team.owner.email, activeTeamId: team.id } }, locale: "id" }),
      );
      const result = await api.invoice.precheck(form({ customerId: customer }));
      expect(result.violations.map((v) => v.message)).toEqual(["SOP mewajibkan NPWP pelanggan.", "Diskon 50% melebihi batas maksimum SOP sebesar 20%."]);
      expect(result.ai.notice).toBe("AI lokal: hanya aturan deterministik yang diperiksa.");
    });
  });

  it("never sends the customer's name, address, tax ID or email to the model, and shows the real values in its reasons", async () => {
    const team = await createTeam("pre-pii");
    const api = callerFor(team.owner, team.id);
    const customer = await api.customer.create({
      name: "PT Rahasia Sentosa",
      email: "ap@rahasia.example",
      address: "Jl. Melati No. 7, Bandung",
      taxId: "01.234.567.8-901.000",
    });
    const rules = ["Invoices to PT Rahasia Sentosa need a PO number in the notes.", "Consulting lines must name the project."];
    await api.invoiceRules.update({ vatRate: "11", maxDiscount: "20", maxDueDays: 30, requiredFields: [], customRules: rules });

    // The real gateway (masking, usage) in front of a model that records what reaches it.
    const sent: RuleCheckInput[] = [];
    const model: AiProvider = {
      ...createLocalProvider(),
      id: "gemini",
      model: "gemini-2.5-flash",
      canReason: true,
      async checkRules(input) {
        sent.push(input);
        return {
          usage: { inputTokens: 200, outputTokens: 20 },
          read: () => ({
            violations: [{ rule: input.rules[0] ?? "", field: "notes", reason: "Customer A has no PO number in the notes (ship to [customer address])." }],
          }),
        };
      },
    };
    setAiGatewayForTests(createAiGateway({ provider: model }));

    const result = await api.invoice.precheck(
      form({
        customerId: customer.id,
        discount: "0",
        notes: "Deliver to Jl. Melati No. 7, Bandung for PT RAHASIA SENTOSA (NPWP 01.234.567.8-901.000, ap@rahasia.example).",
        lines: [{ description: "Consulting for pt rahasia sentosa, project Atlas", quantity: "2", unitPrice: "750000" }],
      }),
    );

    expect(sent).toHaveLength(1);
    const wire = JSON.stringify(sent);
    for (const secret of ["rahasia", "melati", "01.234.567.8-901.000", "234567", "bandung"]) expect(wire.toLowerCase()).not.toContain(secret);
    expect(sent[0]?.invoice).toMatchObject({
      customer: { name: "Customer A", hasEmail: true, hasAddress: true, hasTaxId: true },
      notes: expect.stringContaining("Deliver to [customer address] for Customer A"),
      lines: [{ description: "Consulting for Customer A, project Atlas", quantity: "2", unitPrice: "750000.00", amount: "1500000.00" }],
      total: "1665000.00",
    });
    expect(sent[0]?.rules).toEqual(["Invoices to Customer A need a PO number in the notes.", "Consulting lines must name the project."]);

    expect(result.violations).toEqual([
      {
        rule: "Invoices to PT Rahasia Sentosa need a PO number in the notes.",
        field: "notes",
        message: "PT Rahasia Sentosa has no PO number in the notes (ship to Jl. Melati No. 7, Bandung).",
        source: "ai",
      },
    ]);
    expect(result.reason).toBe("PT Rahasia Sentosa has no PO number in the notes (ship to Jl. Melati No. 7, Bandung).");
    const usage = await getBaseDb().aiUsageEvent.findMany({ where: { teamId: { in: [team.id, b.id] } }, select: { teamId: true, feature: true } });
    expect(usage).toEqual([{ teamId: team.id, feature: "invoice-precheck" }]);
  });

  it("accepts a due date on the issue date (due on receipt), as creating the invoice does", async () => {
    const api = callerFor(a.owner, a.id);
    const invoice = (dueDate: string): RouterInputs["invoice"]["create"] => ({
      customerId: customerOfA,
      currency: "IDR",
      issueDate: "2026-11-01",
      dueDate,
      taxRate: "11",
      discount: "0",
      lines: [{ description: "Consulting", quantity: "1", unitPrice: "1000000" }],
    });

    expect(await api.invoice.precheck(form(invoice("2026-11-01")))).toMatchObject({ valid: true, violations: [] });
    expect((await api.invoice.create(invoice("2026-11-01"))).dueDate).toBe("2026-11-01");

    const before = await api.invoice.precheck(form(invoice("2026-10-31")));
    expect(before.violations).toEqual([
      { rule: "due-not-before-issue", field: "dueDate", message: "The due date cannot be before the issue date.", source: "sop" },
    ]);
    const refused = await errorOf(api.invoice.create(invoice("2026-10-31")));
    expect(refused.code).toBe("BAD_REQUEST");
    expect(refused.message).toBe("The due date cannot be before the issue date.");
  });

  it("uses only the caller's team: its rules, and never another team's customer", async () => {
    await callerFor(b.owner, b.id).invoiceRules.update({ vatRate: "10", maxDiscount: "60", maxDueDays: 90, requiredFields: [], customRules: [] });
    const inB = await callerFor(b.owner, b.id).invoice.precheck(form({ customerId: null, taxRate: "10" }));
    expect(inB.violations.map((v) => v.rule)).toEqual(["required"]);
    // Team A still has the defaults (VAT 11%, discount at most 20%).
    const inA = await callerFor(a.owner, a.id).invoice.precheck(form({ taxRate: "10" }));
    expect(inA.violations.map((v) => v.rule)).toEqual(["vat-rate", "max-discount"]);
    expect((await errorOf(callerFor(b.owner, b.id).invoice.precheck(form()))).code).toBe("NOT_FOUND");
  });

  it("is forbidden to staff", async () => {
    const staff = await addMember(a.id, "STAFF");
    expect((await errorOf(callerFor(staff, a.id).invoice.precheck(form()))).code).toBe("FORBIDDEN");
  });

  it("refuses malformed amounts with a 400 naming the field", async () => {
    const error = await errorOf(callerFor(a.owner, a.id).invoice.precheck(form({ discount: "fifty" })));
    expect(error.code).toBe("BAD_REQUEST");
    expect(fieldsOf(error)).toEqual(["discount"]);
  });
});

describe("formFieldOf", () => {
  it("maps what a model calls a field to the form's field, or to nothing", () => {
    expect(formFieldOf("discount")).toBe("discount");
    expect(formFieldOf("Discount Percent")).toBe("discount");
    expect(formFieldOf("VAT")).toBe("taxRate");
    expect(formFieldOf("customer")).toBe("customerId");
    expect(formFieldOf("due_date")).toBe("dueDate");
    expect(formFieldOf("lines.2.unitPrice")).toBe("lines.2.unitPrice");
    expect(formFieldOf("line[1].Quantity")).toBe("lines.1.quantity");
    expect(formFieldOf("colour")).toBeNull();
    expect(formFieldOf(null)).toBeNull();
  });
});
