"use client";

import { useTranslations } from "next-intl";
import { useId, useMemo, useState } from "react";
import { Link } from "@/i18n/navigation";
import {
  computeInvoiceTotals,
  CURRENCIES,
  formatBps,
  minorDigits,
  parseDecimalToMinor,
  parsePercentToBps,
  parseQuantityToMilli,
  type CurrencyCode,
} from "@/lib/invoices/money";
import { api, type RouterOutputs } from "@/trpc/react";
import { AiNotice, useAiStatus } from "../ai/ai-status";
import { SeePlansLink } from "../billing/see-plans-link";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { cn } from "../ui/cn";
import { fieldErrorOf, generalErrorOf, inputClass, Money, type ApiErrorLike } from "./invoice-bits";

export type LineDraft = { key: string; description: string; quantity: string; unitPrice: string };

/** The form's values exactly as typed: parsed by the same money rules as the server. */
export type InvoiceDraft = {
  customerId: string;
  currency: CurrencyCode;
  issueDate: string;
  dueDate: string;
  taxRate: string;
  discount: string;
  notes: string;
  lines: LineDraft[];
};

type PrecheckResult = RouterOutputs["invoice"]["precheck"];
type Finding = PrecheckResult["violations"][number];

let lineCounter = 0;
export function newLine(values: Partial<Omit<LineDraft, "key">> = {}): LineDraft {
  lineCounter += 1;
  return { key: `line-${lineCounter}`, description: "", quantity: "1", unitPrice: "", ...values };
}

/** What the API takes: the same decimal strings, unparsed (the server owns the parsing). */
export function draftToInput(draft: InvoiceDraft) {
  return {
    customerId: draft.customerId,
    currency: draft.currency,
    issueDate: draft.issueDate,
    dueDate: draft.dueDate,
    taxRate: draft.taxRate.trim(),
    discount: draft.discount.trim(),
    notes: draft.notes.trim() || null,
    lines: draft.lines.map((line) => ({ description: line.description, quantity: line.quantity.trim(), unitPrice: line.unitPrice.trim() })),
  };
}

/** The live preview: lines that do not parse yet count as nothing (and show no amount). */
function previewTotals(draft: InvoiceDraft) {
  const digits = minorDigits(draft.currency);
  const parsed = draft.lines.map((line) => {
    const quantity = parseQuantityToMilli(line.quantity);
    const price = parseDecimalToMinor(line.unitPrice, digits);
    return quantity.ok && price.ok ? { quantityMilli: quantity.value, unitPriceMinor: price.value } : null;
  });
  const tax = parsePercentToBps(draft.taxRate);
  const discount = parsePercentToBps(draft.discount);
  const valid = parsed.filter((line): line is NonNullable<typeof line> => line !== null);
  const totals = computeInvoiceTotals({ lines: valid, discountBps: discount.ok ? discount.value : 0, taxRateBps: tax.ok ? tax.value : 0 });
  let next = 0;
  const lineAmounts = parsed.map((line) => (line ? (totals.lineAmountsMinor[next++] ?? null) : null));
  return { totals, lineAmounts, complete: parsed.every(Boolean) && tax.ok && discount.ok };
}

function Issues({ id, error, findings }: { id: string; error: string | undefined; findings: Finding[] }) {
  if (!error && findings.length === 0) return null;
  return (
    <div id={id} className="space-y-1">
      {error ? (
        <p className="text-sm text-red-600" role="alert">
          {error}
        </p>
      ) : null}
      {findings.length > 0 ? (
        <ul data-testid={`precheck-${id.replace(/^issues-/, "")}`} className="space-y-0.5 text-sm text-amber-800 dark:text-amber-300">
          {findings.map((finding, i) => (
            <li key={i}>
              <span aria-hidden="true">⚠ </span>
              {finding.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

type Customer = { id: string; name: string };
type Rules = { vatRateBps: number; maxDiscountBps: number; maxDueDays: number };

/**
 * The invoice form: customer, currency, dates, VAT and discount, line items with
 * a live totals preview (the same integer money rules as the server), and the
 * pre-check, whose findings appear beside the fields they are about.
 */
export function InvoiceForm(props: {
  initial: InvoiceDraft;
  customers: Customer[];
  rules: Rules | undefined;
  readOnly: boolean;
  saving: boolean;
  saveError: ApiErrorLike;
  submitLabel: string;
  onSubmit: (draft: InvoiceDraft) => void;
  onDirtyChange?: (dirty: boolean) => void;
}) {
  const t = useTranslations("invoices.form");
  const formId = useId();
  const [draft, setDraftState] = useState<InvoiceDraft>(props.initial);
  const precheck = api.invoice.precheck.useMutation();
  const aiStatus = useAiStatus();
  const preview = useMemo(() => previewTotals(draft), [draft]);

  const setDraft = (next: InvoiceDraft) => {
    setDraftState(next);
    // A pre-check answers for the values it saw: once they change, it no longer applies.
    if (precheck.data || precheck.error) precheck.reset();
    props.onDirtyChange?.(JSON.stringify(draftToInput(next)) !== JSON.stringify(draftToInput(props.initial)));
  };
  const set = <K extends keyof InvoiceDraft>(key: K, value: InvoiceDraft[K]) => setDraft({ ...draft, [key]: value });
  const setLine = (index: number, values: Partial<LineDraft>) =>
    setDraft({ ...draft, lines: draft.lines.map((line, i) => (i === index ? { ...line, ...values } : line)) });

  const findings = precheck.data?.violations ?? [];
  const findingsFor = (field: string) => findings.filter((finding) => finding.field === field);
  const unplaced = findings.filter((finding) => {
    if (finding.field === null) return true;
    const known = ["customerId", "currency", "issueDate", "dueDate", "taxRate", "discount", "notes", "lines"];
    return !known.includes(finding.field) && !/^lines\.\d+\.(description|quantity|unitPrice)$/.test(finding.field);
  });
  // Errors of the last save, else of the pre-check's input (e.g. "fifty" as a discount).
  const errorSource: ApiErrorLike = props.saveError ?? precheck.error ?? null;
  const errorFor = (field: string) => fieldErrorOf(errorSource, field);
  const general = generalErrorOf(errorSource);

  const field = (name: string) => ({
    id: `${formId}-${name}`,
    "aria-invalid": errorFor(name) || findingsFor(name).length > 0 ? true : undefined,
    "aria-describedby": `issues-${name}`,
  });
  const label = "block text-sm font-medium text-slate-700 dark:text-slate-200";

  const runPrecheck = () => {
    const input = draftToInput(draft);
    precheck.mutate({ ...input, customerId: input.customerId || null, issueDate: input.issueDate || null, dueDate: input.dueDate || null });
  };

  return (
    <form
      className="space-y-6"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        props.onSubmit(draft);
      }}
    >
      {general ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 dark:bg-red-950 dark:text-red-200">
          {general}
        </p>
      ) : null}
      <fieldset disabled={props.readOnly} className="space-y-6">
        <Card className="grid gap-4 sm:grid-cols-2">
          <div className="space-y-1 sm:col-span-2">
            <label htmlFor={`${formId}-customerId`} className={label}>
              {t("customer")}
            </label>
            <div className="flex gap-2">
              <select {...field("customerId")} className={inputClass} value={draft.customerId} onChange={(e) => set("customerId", e.target.value)}>
                <option value="">{t("chooseCustomer")}</option>
                {props.customers.map((customer) => (
                  <option key={customer.id} value={customer.id}>
                    {customer.name}
                  </option>
                ))}
              </select>
              <Link href="/invoices/customers" className="shrink-0 self-center text-sm font-medium text-brand-600 hover:underline">
                {t("manageCustomers")}
              </Link>
            </div>
            <Issues id="issues-customerId" error={errorFor("customerId")} findings={findingsFor("customerId")} />
          </div>
          <div className="space-y-1">
            <label htmlFor={`${formId}-currency`} className={label}>
              {t("currency")}
            </label>
            <select
              {...field("currency")}
              className={inputClass}
              value={draft.currency}
              onChange={(e) => set("currency", e.target.value as CurrencyCode)}
            >
              {CURRENCIES.map((code) => (
                <option key={code} value={code}>
                  {code}
                </option>
              ))}
            </select>
            <Issues id="issues-currency" error={errorFor("currency")} findings={findingsFor("currency")} />
          </div>
          <div className="hidden sm:block" />
          <div className="space-y-1">
            <label htmlFor={`${formId}-issueDate`} className={label}>
              {t("issueDate")}
            </label>
            <input {...field("issueDate")} type="date" className={inputClass} value={draft.issueDate} onChange={(e) => set("issueDate", e.target.value)} />
            <Issues id="issues-issueDate" error={errorFor("issueDate")} findings={findingsFor("issueDate")} />
          </div>
          <div className="space-y-1">
            <label htmlFor={`${formId}-dueDate`} className={label}>
              {t("dueDate")}
            </label>
            <input {...field("dueDate")} type="date" className={inputClass} value={draft.dueDate} onChange={(e) => set("dueDate", e.target.value)} />
            {props.rules ? <p className="text-xs text-slate-500">{t("dueHint", { days: props.rules.maxDueDays })}</p> : null}
            <Issues id="issues-dueDate" error={errorFor("dueDate")} findings={findingsFor("dueDate")} />
          </div>
          <div className="space-y-1">
            <label htmlFor={`${formId}-taxRate`} className={label}>
              {t("taxRate")}
            </label>
            <input {...field("taxRate")} inputMode="decimal" className={inputClass} value={draft.taxRate} onChange={(e) => set("taxRate", e.target.value)} />
            {props.rules ? <p className="text-xs text-slate-500">{t("taxHint", { rate: formatBps(props.rules.vatRateBps) })}</p> : null}
            <Issues id="issues-taxRate" error={errorFor("taxRate")} findings={findingsFor("taxRate")} />
          </div>
          <div className="space-y-1">
            <label htmlFor={`${formId}-discount`} className={label}>
              {t("discount")}
            </label>
            <input {...field("discount")} inputMode="decimal" className={inputClass} value={draft.discount} onChange={(e) => set("discount", e.target.value)} />
            {props.rules ? <p className="text-xs text-slate-500">{t("discountHint", { max: formatBps(props.rules.maxDiscountBps) })}</p> : null}
            <Issues id="issues-discount" error={errorFor("discount")} findings={findingsFor("discount")} />
          </div>
        </Card>

        <Card className="space-y-3">
          <h2 className="font-semibold">{t("lines")}</h2>
          <div className="overflow-x-auto">
            <table className="w-full min-w-[36rem] text-sm">
              <thead className="text-left text-xs uppercase text-slate-500">
                <tr>
                  <th className="pb-2 pr-2 font-medium">{t("description")}</th>
                  <th className="w-24 pb-2 pr-2 font-medium">{t("quantity")}</th>
                  <th className="w-44 pb-2 pr-2 font-medium">{t("unitPrice")}</th>
                  <th className="w-44 pb-2 pr-2 text-right font-medium">{t("amount")}</th>
                  <th className="w-10 pb-2" />
                </tr>
              </thead>
              <tbody data-testid="invoice-lines">
                {draft.lines.map((line, index) => {
                  const amount = preview.lineAmounts[index] ?? null;
                  const path = (name: string) => `lines.${index}.${name}`;
                  return (
                    <tr key={line.key} className="align-top">
                      {(["description", "quantity", "unitPrice"] as const).map((name) => (
                        <td key={name} className="py-1 pr-2">
                          <input
                            {...field(path(name))}
                            aria-label={t(`lineField.${name}`, { n: index + 1 })}
                            inputMode={name === "description" ? undefined : "decimal"}
                            className={inputClass}
                            value={line[name]}
                            placeholder={name === "unitPrice" ? t("unitPricePlaceholder") : undefined}
                            onChange={(e) => setLine(index, { [name]: e.target.value })}
                          />
                          <Issues id={`issues-${path(name)}`} error={errorFor(path(name))} findings={findingsFor(path(name))} />
                        </td>
                      ))}
                      <td className="py-3 pr-2 text-right">
                        {amount === null ? <span className="text-slate-400">—</span> : <Money minor={amount} currency={draft.currency} />}
                      </td>
                      <td className="py-1">
                        <Button
                          variant="ghost"
                          aria-label={t("removeLine", { n: index + 1 })}
                          onClick={() => setDraft({ ...draft, lines: draft.lines.filter((_, i) => i !== index) })}
                        >
                          ×
                        </Button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <Issues id="issues-lines" error={errorFor("lines")} findings={findingsFor("lines")} />
          <Button variant="secondary" onClick={() => setDraft({ ...draft, lines: [...draft.lines, newLine()] })}>
            {t("addLine")}
          </Button>
          <dl className="ml-auto grid max-w-sm grid-cols-[1fr_auto] gap-x-6 gap-y-1 text-sm" data-testid="invoice-totals">
            <dt className="text-slate-600 dark:text-slate-300">{t("subtotal")}</dt>
            <dd className="text-right">
              <Money minor={preview.totals.subtotalMinor} currency={draft.currency} />
            </dd>
            <dt className="text-slate-600 dark:text-slate-300">{t("discountAmount")}</dt>
            <dd className="text-right">
              −<Money minor={preview.totals.discountMinor} currency={draft.currency} />
            </dd>
            <dt className="text-slate-600 dark:text-slate-300">{t("taxAmount")}</dt>
            <dd className="text-right">
              <Money minor={preview.totals.taxMinor} currency={draft.currency} />
            </dd>
            <dt className="font-semibold">{t("total")}</dt>
            <dd className="text-right font-semibold" data-testid="invoice-total">
              <Money minor={preview.totals.totalMinor} currency={draft.currency} />
            </dd>
          </dl>
          {!preview.complete ? <p className="text-right text-xs text-slate-500">{t("previewIncomplete")}</p> : null}
        </Card>

        <Card className="space-y-1">
          <label htmlFor={`${formId}-notes`} className={label}>
            {t("notes")}
          </label>
          <textarea {...field("notes")} rows={3} className={inputClass} value={draft.notes} onChange={(e) => set("notes", e.target.value)} />
          <Issues id="issues-notes" error={errorFor("notes")} findings={findingsFor("notes")} />
        </Card>
      </fieldset>

      {precheck.data ? (
        <div
          role="status"
          data-testid="precheck-result"
          className={cn(
            "space-y-2 rounded-md border px-4 py-3 text-sm",
            precheck.data.valid
              ? "border-emerald-300 bg-emerald-50 text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100"
              : "border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100",
          )}
        >
          <p className="font-semibold">{precheck.data.valid ? t("precheckPassed") : t("precheckFailed", { count: precheck.data.violations.length })}</p>
          <p data-testid="precheck-reason">{precheck.data.reason}</p>
          {unplaced.length > 0 ? (
            <ul className="list-disc pl-5">
              {unplaced.map((finding, i) => (
                <li key={i}>
                  {finding.message}
                  {finding.source === "ai" ? <span className="text-xs opacity-75"> — {t("ruleFromSop", { rule: finding.rule })}</span> : null}
                </li>
              ))}
            </ul>
          ) : null}
          {precheck.data.ai.notice ? (
            <p data-testid="precheck-ai-notice" className="text-xs">
              {precheck.data.ai.notice}
              {precheck.data.ai.status === "quota" ? <> <SeePlansLink /></> : null}
            </p>
          ) : null}
          {precheck.data.ai.status === "checked" ? <p className="text-xs opacity-75">{t("aiChecked", { model: precheck.data.ai.model ?? "" })}</p> : null}
        </div>
      ) : null}

      <div className="flex flex-wrap items-center gap-3">
        {!props.readOnly ? (
          <Button type="submit" disabled={props.saving}>
            {props.saving ? t("saving") : props.submitLabel}
          </Button>
        ) : null}
        <Button variant="secondary" onClick={runPrecheck} disabled={precheck.isPending}>
          {precheck.isPending ? t("prechecking") : t("precheck")}
        </Button>
        <AiNotice status={aiStatus.data} />
      </div>
    </form>
  );
}
