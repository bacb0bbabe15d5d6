"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { formatBps } from "@/lib/invoices/money";
import { REQUIRABLE_FIELDS, type RequirableField } from "@/lib/invoices/precheck";
import { api, type RouterOutputs } from "@/trpc/react";
import { AiNotice, useAiStatus } from "../ai/ai-status";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { Field } from "../ui/field";
import { fieldErrorOf, generalErrorOf, inputClass } from "./invoice-bits";

type Rules = RouterOutputs["invoiceRules"]["get"];
type RulesDraft = { vatRate: string; maxDiscount: string; maxDueDays: string; requiredFields: RequirableField[]; customRules: string[] };

function draftOf(rules: Rules): RulesDraft {
  return {
    vatRate: formatBps(rules.vatRateBps),
    maxDiscount: formatBps(rules.maxDiscountBps),
    maxDueDays: String(rules.maxDueDays),
    requiredFields: rules.requiredFields,
    customRules: rules.customRules,
  };
}

/** The team's invoice SOP, applied by the pre-check. Admins edit it; others read it. */
export function InvoiceRulesEditor({ canEdit }: { canEdit: boolean }) {
  const t = useTranslations("invoices.rules");
  const rules = api.invoiceRules.get.useQuery();
  if (rules.isError) return <p className="text-sm text-red-600">{rules.error.message}</p>;
  if (!rules.data) return <div className="h-40 animate-pulse rounded bg-slate-100 dark:bg-slate-800" aria-busy="true" aria-label={t("loading")} />;
  return <RulesForm rules={rules.data} canEdit={canEdit} />;
}

function RulesForm({ rules, canEdit }: { rules: Rules; canEdit: boolean }) {
  const t = useTranslations("invoices.rules");
  const utils = api.useUtils();
  const aiStatus = useAiStatus();
  const [draft, setDraft] = useState<RulesDraft>(() => draftOf(rules));
  const [saved, setSaved] = useState(false);
  const save = api.invoiceRules.update.useMutation({
    onSuccess: (updated) => {
      utils.invoiceRules.get.setData(undefined, updated);
      setSaved(true);
    },
  });
  const change = (next: RulesDraft) => {
    setDraft(next);
    setSaved(false);
  };
  const toggle = (field: RequirableField) =>
    change({
      ...draft,
      requiredFields: draft.requiredFields.includes(field) ? draft.requiredFields.filter((f) => f !== field) : [...draft.requiredFields, field],
    });
  const days = Number(draft.maxDueDays);

  return (
    <form
      className="space-y-6"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate({
          vatRate: draft.vatRate.trim(),
          maxDiscount: draft.maxDiscount.trim(),
          maxDueDays: Number.isFinite(days) && draft.maxDueDays.trim() !== "" ? days : -1,
          requiredFields: draft.requiredFields,
          customRules: draft.customRules.map((rule) => rule.trim()),
        });
      }}
    >
      <p className="text-sm text-slate-600 dark:text-slate-300">{t("intro")}</p>
      <fieldset disabled={!canEdit} className="space-y-6">
        <Card className="grid gap-4 sm:grid-cols-3">
          <Field
            label={t("vatRate")}
            name="vatRate"
            inputMode="decimal"
            value={draft.vatRate}
            onChange={(e) => change({ ...draft, vatRate: e.target.value })}
            error={fieldErrorOf(save.error, "vatRate")}
          />
          <Field
            label={t("maxDiscount")}
            name="maxDiscount"
            inputMode="decimal"
            value={draft.maxDiscount}
            onChange={(e) => change({ ...draft, maxDiscount: e.target.value })}
            error={fieldErrorOf(save.error, "maxDiscount")}
          />
          <Field
            label={t("maxDueDays")}
            name="maxDueDays"
            inputMode="numeric"
            value={draft.maxDueDays}
            onChange={(e) => change({ ...draft, maxDueDays: e.target.value })}
            error={fieldErrorOf(save.error, "maxDueDays")}
            hint={t("maxDueDaysHint")}
          />
        </Card>
        <Card className="space-y-2">
          <h2 className="font-semibold">{t("requiredFields")}</h2>
          <p className="text-sm text-slate-600 dark:text-slate-300">{t("requiredFieldsHint")}</p>
          <div className="grid gap-2 sm:grid-cols-2">
            {REQUIRABLE_FIELDS.map((field) => (
              <label key={field} className="flex items-center gap-2 text-sm">
                <input type="checkbox" checked={draft.requiredFields.includes(field)} onChange={() => toggle(field)} />
                {t(`fields.${field}`)}
              </label>
            ))}
          </div>
        </Card>
        <Card className="space-y-3">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h2 className="font-semibold">{t("customRules")}</h2>
            <AiNotice status={aiStatus.data} />
          </div>
          <p className="text-sm text-slate-600 dark:text-slate-300">{aiStatus.data?.canReason === false ? t("customRulesLocal") : t("customRulesHint")}</p>
          {draft.customRules.map((rule, index) => {
            const error = fieldErrorOf(save.error, `customRules.${index}`);
            return (
              <div key={index} className="flex gap-2">
                <div className="flex-1 space-y-1">
                  <textarea
                    aria-label={t("ruleLabel", { n: index + 1 })}
                    rows={2}
                    className={inputClass}
                    value={rule}
                    onChange={(e) => change({ ...draft, customRules: draft.customRules.map((r, i) => (i === index ? e.target.value : r)) })}
                  />
                  {error ? <p className="text-sm text-red-600">{error}</p> : null}
                </div>
                <Button variant="ghost" aria-label={t("removeRule", { n: index + 1 })} onClick={() => change({ ...draft, customRules: draft.customRules.filter((_, i) => i !== index) })}>
                  ×
                </Button>
              </div>
            );
          })}
          {fieldErrorOf(save.error, "customRules") ? <p className="text-sm text-red-600">{fieldErrorOf(save.error, "customRules")}</p> : null}
          <Button variant="secondary" onClick={() => change({ ...draft, customRules: [...draft.customRules, ""] })}>
            {t("addRule")}
          </Button>
        </Card>
      </fieldset>
      {generalErrorOf(save.error) ? (
        <p role="alert" className="text-sm text-red-600">
          {generalErrorOf(save.error)}
        </p>
      ) : null}
      {canEdit ? (
        <div className="flex items-center gap-3">
          <Button type="submit" disabled={save.isPending}>
            {save.isPending ? t("saving") : t("save")}
          </Button>
          {saved ? (
            <span role="status" className="text-sm text-emerald-700">
              {t("saved")}
            </span>
          ) : null}
        </div>
      ) : (
        <p className="text-sm text-slate-500">{t("readOnly")}</p>
      )}
    </form>
  );
}
