"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Link } from "@/i18n/navigation";
import type { Permission } from "@/lib/permissions";
import { api, type RouterOutputs } from "@/trpc/react";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { Field } from "../ui/field";
import { fieldErrorOf, generalErrorOf, inputClass } from "./invoice-bits";

type Customer = RouterOutputs["customer"]["list"]["items"][number];
type CustomerDraft = { name: string; email: string; phone: string; address: string; taxId: string };
const EMPTY: CustomerDraft = { name: "", email: "", phone: "", address: "", taxId: "" };

function draftOf(customer: Customer): CustomerDraft {
  return {
    name: customer.name,
    email: customer.email ?? "",
    phone: customer.phone ?? "",
    address: customer.address ?? "",
    taxId: customer.taxId ?? "",
  };
}

/** The team's customers: a form to add or edit one, and the list. */
export function CustomersView({ permissions }: { permissions: Permission[] }) {
  const t = useTranslations("invoices.customers");
  const utils = api.useUtils();
  const [search, setSearch] = useState("");
  const list = api.customer.list.useQuery({ limit: 200, ...(search.trim() ? { search: search.trim() } : {}) });
  const [editing, setEditing] = useState<string | null>(null);
  const [draft, setDraft] = useState<CustomerDraft>(EMPTY);
  const reset = async () => {
    setEditing(null);
    setDraft(EMPTY);
    await utils.customer.list.invalidate();
  };
  const create = api.customer.create.useMutation({ onSuccess: reset });
  const update = api.customer.update.useMutation({ onSuccess: reset });
  const remove = api.customer.delete.useMutation({ onSuccess: () => utils.customer.list.invalidate() });
  const saveError = editing ? update.error : create.error;
  const canWrite = permissions.includes(editing ? "invoice:update" : "invoice:create");
  const canDelete = permissions.includes("invoice:delete");
  const set = (key: keyof CustomerDraft) => (event: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) =>
    setDraft({ ...draft, [key]: event.target.value });

  return (
    <div className="space-y-6">
      <nav aria-label={t("breadcrumb")} className="text-sm text-slate-500">
        <Link href="/invoices" className="hover:underline">
          {t("invoices")}
        </Link>{" "}
        / <span className="text-slate-800 dark:text-slate-200">{t("title")}</span>
      </nav>
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      {canWrite ? (
        <Card>
          <h2 className="mb-4 font-semibold">{editing ? t("editTitle") : t("newTitle")}</h2>
          <form
            className="grid gap-3 sm:grid-cols-2"
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              if (editing) update.mutate({ id: editing, data: draft });
              else create.mutate(draft);
            }}
          >
            <Field label={t("name")} name="name" value={draft.name} onChange={set("name")} error={fieldErrorOf(saveError, "name")} />
            <Field label={t("email")} name="email" type="email" value={draft.email} onChange={set("email")} error={fieldErrorOf(saveError, "email")} />
            <Field label={t("phone")} name="phone" value={draft.phone} onChange={set("phone")} error={fieldErrorOf(saveError, "phone")} />
            <Field label={t("taxId")} name="taxId" value={draft.taxId} onChange={set("taxId")} error={fieldErrorOf(saveError, "taxId")} />
            <div className="space-y-1 sm:col-span-2">
              <label htmlFor="field-address" className="block text-sm font-medium text-slate-700 dark:text-slate-200">
                {t("address")}
              </label>
              <textarea id="field-address" name="address" rows={2} className={inputClass} value={draft.address} onChange={set("address")} />
              {fieldErrorOf(saveError, "address") ? <p className="text-sm text-red-600">{fieldErrorOf(saveError, "address")}</p> : null}
            </div>
            {generalErrorOf(saveError) ? (
              <p role="alert" className="text-sm text-red-600 sm:col-span-2">
                {generalErrorOf(saveError)}
              </p>
            ) : null}
            <div className="flex gap-2 sm:col-span-2">
              <Button type="submit" disabled={create.isPending || update.isPending}>
                {editing ? t("save") : t("create")}
              </Button>
              {editing ? (
                <Button variant="secondary" onClick={() => void reset()}>
                  {t("cancel")}
                </Button>
              ) : null}
            </div>
          </form>
        </Card>
      ) : null}
      {remove.error ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {remove.error.message}
        </p>
      ) : null}
      <Card className="p-0">
        <div className="border-b border-slate-100 p-4 dark:border-slate-800">
          <label htmlFor="customer-search" className="sr-only">
            {t("search")}
          </label>
          <input id="customer-search" type="search" placeholder={t("search")} className={inputClass} value={search} onChange={(e) => setSearch(e.target.value)} />
        </div>
        {list.isPending ? (
          <div className="h-16 animate-pulse" aria-busy="true" />
        ) : list.isError ? (
          <p className="p-6 text-sm text-red-600">{list.error.message}</p>
        ) : list.data.items.length === 0 ? (
          <p className="p-6 text-sm text-slate-600 dark:text-slate-300">{t("empty")}</p>
        ) : (
          <ul className="divide-y divide-slate-100 dark:divide-slate-800" data-testid="customer-list">
            {list.data.items.map((customer) => (
              <li key={customer.id} className="flex flex-wrap items-center justify-between gap-3 px-6 py-3 text-sm">
                <div className="min-w-0">
                  <p className="font-medium">{customer.name}</p>
                  <p className="truncate text-slate-600 dark:text-slate-300">
                    {[customer.email, customer.taxId && t("taxIdValue", { taxId: customer.taxId })].filter(Boolean).join(" · ")}
                  </p>
                  <p className="text-xs text-slate-500">{t("invoiceCount", { count: customer.invoiceCount })}</p>
                </div>
                <div className="flex gap-2">
                  {permissions.includes("invoice:update") ? (
                    <Button
                      variant="secondary"
                      onClick={() => {
                        setEditing(customer.id);
                        setDraft(draftOf(customer));
                      }}
                    >
                      {t("edit")}
                    </Button>
                  ) : null}
                  {canDelete && customer.invoiceCount === 0 ? (
                    <Button
                      variant="danger"
                      disabled={remove.isPending}
                      onClick={() => {
                        if (window.confirm(t("deleteConfirm", { name: customer.name }))) remove.mutate({ id: customer.id });
                      }}
                    >
                      {t("delete")}
                    </Button>
                  ) : null}
                </div>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
