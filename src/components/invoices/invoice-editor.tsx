"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Link, useRouter } from "@/i18n/navigation";
import { addDays } from "@/lib/invoices/dates";
import { formatBps, formatMinor, formatQuantity, minorDigits } from "@/lib/invoices/money";
import { canDelete, canEdit, canTransition } from "@/lib/invoices/status";
import type { Permission } from "@/lib/permissions";
import { api, type RouterOutputs } from "@/trpc/react";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { LoadingRows } from "../ui/list-state";
import { CalendarDate, InvoiceStatusBadge } from "./invoice-bits";
import { draftToInput, InvoiceForm, newLine, type InvoiceDraft } from "./invoice-form";

type Invoice = RouterOutputs["invoice"]["get"];

function draftFromInvoice(invoice: Invoice): InvoiceDraft {
  const digits = minorDigits(invoice.currency);
  return {
    customerId: invoice.customerId,
    currency: invoice.currency,
    issueDate: invoice.issueDate,
    dueDate: invoice.dueDate,
    taxRate: formatBps(invoice.taxRateBps),
    discount: formatBps(invoice.discountBps),
    notes: invoice.notes ?? "",
    lines: invoice.lines.map((line) =>
      newLine({ description: line.description, quantity: formatQuantity(line.quantityMilli), unitPrice: formatMinor(line.unitPriceMinor, digits) }),
    ),
  };
}

function Loading() {
  const t = useTranslations("invoices");
  return (
    <LoadingRows label={t("loading")} rowClassName="h-10" />
  );
}

/** A new invoice, prefilled from the team's SOP (its VAT rate, a due date within its window). */
export function NewInvoice({ today }: { today: string }) {
  const t = useTranslations("invoices");
  const router = useRouter();
  const utils = api.useUtils();
  const customers = api.customer.list.useQuery({ limit: 200 });
  const rules = api.invoiceRules.get.useQuery();
  const create = api.invoice.create.useMutation({
    onSuccess: async (invoice) => {
      await utils.invoice.list.invalidate();
      router.push(`/invoices/${invoice.id}`);
    },
  });
  if (customers.isError || rules.isError) {
    return <p className="text-sm text-red-600">{(customers.error ?? rules.error)?.message}</p>;
  }
  if (!customers.data || !rules.data) return <Loading />;
  const initial: InvoiceDraft = {
    customerId: customers.data.items.length === 1 ? (customers.data.items[0]?.id ?? "") : "",
    currency: "IDR",
    issueDate: today,
    dueDate: addDays(today, Math.min(14, rules.data.maxDueDays)),
    taxRate: formatBps(rules.data.vatRateBps),
    discount: "0",
    notes: "",
    lines: [newLine()],
  };
  return (
    <div className="space-y-4">
      <Breadcrumb current={t("newTitle")} />
      <h1 className="text-2xl font-semibold">{t("newTitle")}</h1>
      <InvoiceForm
        initial={initial}
        customers={customers.data.items}
        rules={rules.data}
        readOnly={false}
        saving={create.isPending}
        saveError={create.error}
        submitLabel={t("form.create")}
        onSubmit={(draft) => create.mutate(draftToInput(draft))}
      />
    </div>
  );
}

function Breadcrumb({ current }: { current: string }) {
  const t = useTranslations("invoices");
  return (
    <nav aria-label={t("breadcrumb")} className="text-sm text-slate-500">
      <Link href="/invoices" className="hover:underline">
        {t("title")}
      </Link>{" "}
      / <span className="text-slate-800 dark:text-slate-200">{current}</span>
    </nav>
  );
}

/** An existing invoice: edit it while it is open, move it through its life cycle, print it. */
export function InvoiceEditor({ id, permissions }: { id: string; permissions: Permission[] }) {
  const t = useTranslations("invoices");
  const router = useRouter();
  const utils = api.useUtils();
  const invoice = api.invoice.get.useQuery({ id });
  const customers = api.customer.list.useQuery({ limit: 200 });
  const rules = api.invoiceRules.get.useQuery();
  const [dirty, setDirty] = useState(false);
  // Remounts the form from the server's copy after our own save or transition
  // (never on a background refetch, which would throw away unsaved edits).
  const [generation, setGeneration] = useState(0);
  const accept = async (updated: Invoice) => {
    utils.invoice.get.setData({ id }, updated);
    setDirty(false);
    setGeneration((g) => g + 1);
    await utils.invoice.list.invalidate();
  };
  const update = api.invoice.update.useMutation({ onSuccess: accept });
  const send = api.invoice.send.useMutation({ onSuccess: accept });
  const markPaid = api.invoice.markPaid.useMutation({ onSuccess: accept });
  const voidInvoice = api.invoice.void.useMutation({ onSuccess: accept });
  const remove = api.invoice.delete.useMutation({
    onSuccess: async () => {
      await utils.invoice.list.invalidate();
      router.push("/invoices");
    },
  });
  const actionError = send.error ?? markPaid.error ?? voidInvoice.error ?? remove.error;
  const busy = send.isPending || markPaid.isPending || voidInvoice.isPending || remove.isPending;

  if (invoice.isError) return <p className="text-sm text-red-600">{invoice.error.message}</p>;
  if (!invoice.data || !customers.data) return <Loading />;
  const data = invoice.data;
  const canUpdate = permissions.includes("invoice:update");
  const readOnly = !canUpdate || !canEdit(data.status);
  const version = { id, expectedVersion: data.version };

  return (
    <div className="space-y-4">
      <Breadcrumb current={data.number} />
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="space-y-1">
          <h1 className="flex items-center gap-3 text-2xl font-semibold">
            <span data-testid="invoice-number">{data.number}</span>
            <InvoiceStatusBadge status={data.effectiveStatus} />
          </h1>
          <p className="text-sm text-slate-600 dark:text-slate-300">
            {data.customer.name} · {t("dueOn")} <CalendarDate value={data.dueDate} />
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          <Link
            href={`/invoices/${id}/print`}
            className="inline-flex items-center rounded-md border border-slate-300 bg-white px-3.5 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100"
          >
            {t("actions.print")}
          </Link>
          {canUpdate && canTransition(data.status, "send") ? (
            <Button disabled={busy || dirty} onClick={() => send.mutate(version)}>
              {t("actions.send")}
            </Button>
          ) : null}
          {canUpdate && canTransition(data.status, "markPaid") ? (
            <Button disabled={busy || dirty} onClick={() => markPaid.mutate(version)}>
              {t("actions.markPaid")}
            </Button>
          ) : null}
          {canUpdate && canTransition(data.status, "void") ? (
            <Button
              variant="secondary"
              disabled={busy || dirty}
              onClick={() => {
                if (window.confirm(t("actions.voidConfirm", { number: data.number }))) voidInvoice.mutate(version);
              }}
            >
              {t("actions.void")}
            </Button>
          ) : null}
          {permissions.includes("invoice:delete") && canDelete(data.status) ? (
            <Button
              variant="danger"
              disabled={busy || dirty}
              onClick={() => {
                if (window.confirm(t("actions.deleteConfirm", { number: data.number }))) remove.mutate(version);
              }}
            >
              {t("actions.delete")}
            </Button>
          ) : null}
        </div>
      </div>
      {dirty ? <p className="text-sm text-slate-500">{t("actions.saveFirst")}</p> : null}
      {actionError ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 dark:bg-red-950 dark:text-red-200">
          {actionError.message}
        </p>
      ) : null}
      {readOnly && canUpdate ? (
        <Card className="py-3 text-sm text-slate-600 dark:text-slate-300">{t(`lockedNotice.${data.status === "PAID" ? "paid" : "void"}`)}</Card>
      ) : null}
      <InvoiceForm
        key={`${id}:${generation}`}
        initial={draftFromInvoice(data)}
        customers={customers.data.items}
        rules={rules.data}
        readOnly={readOnly}
        saving={update.isPending}
        saveError={update.error}
        submitLabel={t("form.save")}
        onDirtyChange={setDirty}
        onSubmit={(draft) => update.mutate({ ...version, data: draftToInput(draft) })}
      />
    </div>
  );
}
