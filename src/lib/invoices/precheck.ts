/**
 * The deterministic half of the invoice pre-check: the team's SOP rules that code
 * can decide exactly (VAT rate, maximum discount, due-date window, required
 * fields). Pure, so it is tested rule by rule and gives the same answer with or
 * without a model. Plain-language rules are the model's part (see
 * src/server/services/invoices/precheck.ts).
 *
 * Messages keep their English template and values (`template`) so the server can
 * show them in the reader's language; `message` is the English text.
 */
import { msg, renderMessage, type Message } from "../message";
import { daysBetween, isIsoDate } from "./dates";
import { formatBps } from "./money";

/** Fields an SOP may require beyond what every invoice has. */
export const REQUIRABLE_FIELDS = ["customerEmail", "customerTaxId", "customerAddress", "notes", "lines"] as const;
export type RequirableField = (typeof REQUIRABLE_FIELDS)[number];

export type PrecheckRules = {
  vatRateBps: number;
  maxDiscountBps: number;
  maxDueDays: number;
  requiredFields: readonly string[];
};

/** The invoice as the form has it: anything may still be missing. */
export type PrecheckInvoice = {
  customer: { name: string; email: string | null; taxId: string | null; address: string | null } | null;
  issueDate: string | null;
  dueDate: string | null;
  taxRateBps: number;
  discountBps: number;
  notes: string | null;
  lines: ReadonlyArray<{ description: string }>;
};

export type PrecheckRule = "required" | "vat-rate" | "max-discount" | "due-not-before-issue" | "due-within";

/** `field` names the form input the violation is shown beside (the API's input path). */
export type PrecheckViolation = { rule: PrecheckRule; field: string; message: string; template: Message };

export type PrecheckResult = { valid: boolean; violations: PrecheckViolation[] };

/** Where each requirable field is shown in the form, and what to say when it is missing. */
const REQUIRED: Record<RequirableField, { field: string; message: string; present: (invoice: PrecheckInvoice) => boolean }> = {
  customerEmail: {
    field: "customerId",
    message: "The SOP requires the customer's email address.",
    present: (invoice) => Boolean(invoice.customer?.email?.trim()),
  },
  customerTaxId: {
    field: "customerId",
    message: "The SOP requires the customer's tax ID (NPWP).",
    present: (invoice) => Boolean(invoice.customer?.taxId?.trim()),
  },
  customerAddress: {
    field: "customerId",
    message: "The SOP requires the customer's address.",
    present: (invoice) => Boolean(invoice.customer?.address?.trim()),
  },
  notes: {
    field: "notes",
    message: "The SOP requires notes on the invoice.",
    present: (invoice) => Boolean(invoice.notes?.trim()),
  },
  lines: {
    field: "lines",
    message: "The SOP requires at least one line item with a description.",
    present: (invoice) => invoice.lines.length > 0 && invoice.lines.every((line) => line.description.trim().length > 0),
  },
};

function isRequirable(field: string): field is RequirableField {
  return (REQUIRABLE_FIELDS as readonly string[]).includes(field);
}

function violation(rule: PrecheckRule, field: string, template: Message | string): PrecheckViolation {
  const t = typeof template === "string" ? { template, values: [] } : template;
  return { rule, field, message: renderMessage(t.template, t.values), template: t };
}

export function precheckInvoice(invoice: PrecheckInvoice, rules: PrecheckRules): PrecheckResult {
  const violations: PrecheckViolation[] = [];

  // What every invoice needs, whatever the SOP says.
  if (!invoice.customer) violations.push(violation("required", "customerId", "Choose a customer."));
  const issue = invoice.issueDate && isIsoDate(invoice.issueDate) ? invoice.issueDate : null;
  const due = invoice.dueDate && isIsoDate(invoice.dueDate) ? invoice.dueDate : null;
  if (!issue) violations.push(violation("required", "issueDate", "Enter an issue date."));
  if (!due) violations.push(violation("required", "dueDate", "Enter a due date."));

  for (const field of new Set(rules.requiredFields)) {
    if (!isRequirable(field)) continue;
    const requirement = REQUIRED[field];
    // Without a customer the "choose a customer" message already covers its fields.
    if (requirement.field === "customerId" && !invoice.customer) continue;
    if (!requirement.present(invoice)) violations.push(violation("required", requirement.field, requirement.message));
  }

  if (invoice.taxRateBps !== rules.vatRateBps) {
    violations.push(
      violation("vat-rate", "taxRate", msg`The VAT rate is ${formatBps(invoice.taxRateBps)}% but the SOP requires ${formatBps(rules.vatRateBps)}%.`),
    );
  }

  if (invoice.discountBps > rules.maxDiscountBps) {
    violations.push(
      violation("max-discount", "discount", msg`A ${formatBps(invoice.discountBps)}% discount exceeds the SOP maximum of ${formatBps(rules.maxDiscountBps)}%.`),
    );
  }

  if (issue && due) {
    const days = daysBetween(issue, due);
    // Same day is "due on receipt": allowed, as createInvoice allows it.
    if (days < 0) {
      violations.push(violation("due-not-before-issue", "dueDate", "The due date cannot be before the issue date."));
    } else if (days > rules.maxDueDays) {
      violations.push(
        violation("due-within", "dueDate", msg`The due date is ${days} days after the issue date; the SOP allows at most ${rules.maxDueDays}.`),
      );
    }
  }

  return { valid: violations.length === 0, violations };
}
