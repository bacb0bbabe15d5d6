import { DomainError, NotFoundError } from "@/server/errors";
import type { TenantClient } from "@/server/db/tenant-client";
import { describeError } from "@/server/log";
import { translateMessage, type ServerLocale } from "@/server/i18n/translate";
import { getAiGateway, type AiGateway } from "@/server/services/ai/gateway";
import { createPseudonyms, letterLabel, type Pseudonyms } from "@/server/services/ai/pseudonyms";
import type { AiCaller } from "@/server/services/ai/types";
import { precheckInvoice } from "@/lib/invoices/precheck";
import { formatBps, formatMinor, formatQuantity } from "@/lib/invoices/money";
import { parseInvoiceLines, totalsForStorage, type InvoiceLineInput } from "./lines";
import { minorDigits, type CurrencyCode } from "./money";
import { getInvoiceRules } from "./rules";

/**
 * The invoice pre-check: the SOP's deterministic rules by code (precheckInvoice),
 * its plain-language rules by the model through the AI gateway, combined into one
 * answer { valid, reason, violations }. The model is optional: without one (local
 * provider), when it fails, or when the allowance is used up, the deterministic
 * result still comes back, with a notice saying what was not checked. A pre-check
 * never fails because of the model.
 */
export { precheckInvoice } from "@/lib/invoices/precheck";

/** The form's current values: anything may still be missing. */
export type PrecheckRequest = {
  customerId: string | null;
  currency: CurrencyCode;
  issueDate: string | null;
  dueDate: string | null;
  taxRateBps: number;
  discountBps: number;
  notes: string | null;
  lines: InvoiceLineInput[];
};

/**
 * checked: the model checked the plain-language rules; local: the local provider
 * cannot, so only code did; unavailable / quota: the model failed or the allowance
 * is used up; no-rules: the SOP has no plain-language rules to check.
 */
export type PrecheckAiStatus = "checked" | "local" | "unavailable" | "quota" | "no-rules";

export type PrecheckFinding = { rule: string; field: string | null; message: string; source: "sop" | "ai" };

export type InvoicePrecheckResult = {
  valid: boolean;
  reason: string;
  violations: PrecheckFinding[];
  ai: { status: PrecheckAiStatus; provider: string | null; model: string | null; notice: string | null };
};

/** The form fields a model's answer may point at (anything else is shown with the overall reason). */
const FIELD_ALIASES: Record<string, string> = {
  customer: "customerId",
  customerid: "customerId",
  customername: "customerId",
  customerhasemail: "customerId",
  customerhasaddress: "customerId",
  customerhastaxid: "customerId",
  hasemail: "customerId",
  hasaddress: "customerId",
  hastaxid: "customerId",
  issuedate: "issueDate",
  duedate: "dueDate",
  taxrate: "taxRate",
  taxratepercent: "taxRate",
  tax: "taxRate",
  vat: "taxRate",
  discount: "discount",
  discountpercent: "discount",
  notes: "notes",
  lines: "lines",
  currency: "currency",
};

export function formFieldOf(field: string | null): string | null {
  if (!field) return null;
  const line = /^lines?[.[]?(\d+)]?\.(description|quantity|unitPrice)$/i.exec(field.trim());
  if (line) {
    const name = (line[2] ?? "").toLowerCase();
    return `lines.${line[1]}.${name === "unitprice" ? "unitPrice" : name}`;
  }
  return FIELD_ALIASES[field.trim().replace(/[^a-z]/gi, "").toLowerCase()] ?? null;
}

/** What the model is sent, and how to read its answer back. */
type ModelRequest = { invoice: Record<string, unknown>; rules: string[]; names: Pseudonyms };

/**
 * The invoice as the model sees it. Rules need facts, not identities: the customer
 * is "Customer A" with flags for what is on file (the deterministic rules check
 * the values themselves), and its name, address, tax ID and email are replaced
 * inside the notes, line descriptions and rules as well, so a rule naming this
 * customer still applies. Amounts are decimal strings. The gateway masks shaped
 * PII (emails, phones, ID numbers) on top; the stand-ins in the reply are turned
 * back with `names.restore`.
 */
function modelRequestFor(request: PrecheckRequest, customer: CustomerFacts | null, rules: readonly string[]): ModelRequest {
  const names = createPseudonyms(letterLabel("Customer"));
  const pseudonym = customer ? names.alias(customer.name) : null;
  if (customer?.address) names.alias(customer.address, "[customer address]");
  if (customer?.taxId) names.alias(customer.taxId, "[customer tax ID]");
  if (customer?.email) names.alias(customer.email, "[customer email]");

  const digits = minorDigits(request.currency);
  const lines = parseInvoiceLines(request.lines, request.currency);
  const totals = totalsForStorage({ lines, discountBps: request.discountBps, taxRateBps: request.taxRateBps });
  const invoice = {
    customer: customer
      ? {
          name: pseudonym,
          hasEmail: Boolean(customer.email?.trim()),
          hasAddress: Boolean(customer.address?.trim()),
          hasTaxId: Boolean(customer.taxId?.trim()),
        }
      : null,
    currency: request.currency,
    issueDate: request.issueDate,
    dueDate: request.dueDate,
    taxRatePercent: formatBps(request.taxRateBps),
    discountPercent: formatBps(request.discountBps),
    notes: request.notes === null ? null : names.hide(request.notes),
    lines: lines.map((line, i) => ({
      description: names.hide(line.description),
      quantity: formatQuantity(line.quantityMilli),
      unitPrice: formatMinor(line.unitPriceMinor, digits),
      amount: formatMinor(totals.lineAmountsMinor[i] ?? 0n, digits),
    })),
    subtotal: formatMinor(totals.subtotalMinor, digits),
    discount: formatMinor(totals.discountMinor, digits),
    tax: formatMinor(totals.taxMinor, digits),
    total: formatMinor(totals.totalMinor, digits),
  };
  return { invoice, rules: rules.map((rule) => names.hide(rule)), names };
}

type CustomerFacts = { name: string; email: string | null; taxId: string | null; address: string | null };

type ModelOutcome = { status: PrecheckAiStatus; provider: string | null; model: string | null; notice: string | null; findings: PrecheckFinding[] };

async function checkWithModel(
  gateway: AiGateway,
  caller: AiCaller,
  sent: ModelRequest,
  originalRules: readonly string[],
  locale: ServerLocale,
): Promise<ModelOutcome> {
  const t = (template: string) => translateMessage(locale, template);
  if (sent.rules.length === 0) return { status: "no-rules", provider: null, model: null, notice: null, findings: [] };
  // The reply names a rule by the text it was sent: show the team's own wording.
  const ruleAsWritten = new Map(sent.rules.map((rule, i) => [rule, originalRules[i] ?? rule]));
  try {
    const result = await gateway.checkRules(caller, { invoice: sent.invoice, rules: sent.rules });
    if (!result.supported) {
      return { status: "local", provider: result.provider, model: result.model, notice: t("Local AI: only the deterministic rules were checked."), findings: [] };
    }
    return {
      status: "checked",
      provider: result.provider,
      model: result.model,
      notice: null,
      findings: result.violations.map((v) => ({
        rule: ruleAsWritten.get(v.rule) ?? sent.names.restore(v.rule),
        field: formFieldOf(v.field),
        message: sent.names.restore(v.reason),
        source: "ai" as const,
      })),
    };
  } catch (error) {
    if (error instanceof DomainError && error.code === "QUOTA_EXCEEDED") {
      const notice = t("The team's AI allowance is used up, so only the deterministic rules were checked.");
      return { status: "quota", provider: null, model: null, notice, findings: [] };
    }
    const detail =
      error instanceof DomainError && error.code === "AI_UNAVAILABLE" ? translateMessage(locale, error.template.template, error.template.values) : null;
    // The gateway turns provider failures into AI_UNAVAILABLE; anything else is a bug worth a log line, not a failed pre-check.
    if (!detail) console.error(`[invoices] pre-check model call failed: ${describeError(error)}`);
    const notice = [t("The AI is unavailable, so only the deterministic rules were checked."), detail].filter(Boolean).join(" ");
    return { status: "unavailable", provider: null, model: null, notice, findings: [] };
  }
}

export async function runInvoicePrecheck(
  db: TenantClient,
  input: { caller: AiCaller; request: PrecheckRequest; locale: ServerLocale },
): Promise<InvoicePrecheckResult> {
  const { request, locale } = input;
  const [rules, customer] = await Promise.all([
    getInvoiceRules(db),
    request.customerId
      ? db.customer.findFirst({ where: { id: request.customerId }, select: { name: true, email: true, taxId: true, address: true } })
      : Promise.resolve(null),
  ]);
  if (request.customerId && !customer) throw new NotFoundError("Customer");

  const deterministic = precheckInvoice(
    {
      customer,
      issueDate: request.issueDate,
      dueDate: request.dueDate,
      taxRateBps: request.taxRateBps,
      discountBps: request.discountBps,
      notes: request.notes,
      lines: request.lines,
    },
    rules,
  );
  const sent = modelRequestFor(request, customer, rules.customRules);
  const model = await checkWithModel(getAiGateway(), input.caller, sent, rules.customRules, locale);

  const violations: PrecheckFinding[] = [
    ...deterministic.violations.map((v) => ({
      rule: v.rule,
      field: v.field,
      message: translateMessage(locale, v.template.template, v.template.values),
      source: "sop" as const,
    })),
    ...model.findings,
  ];
  const valid = violations.length === 0;
  const reason = valid ? translateMessage(locale, "The invoice follows every checked rule of the SOP.") : violations.map((v) => v.message).join(" ");
  return { valid, reason, violations, ai: { status: model.status, provider: model.provider, model: model.model, notice: model.notice } };
}
