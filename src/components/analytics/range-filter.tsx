"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "../ui/button";
import { Field } from "../ui/field";
import { exportHref, presetRange, type DateRange, type Preset, type Scope } from "./format";

/**
 * The date range form (from, to, presets) and the CSV downloads of the range
 * being shown. The server checks the range; its per-field messages show under
 * the inputs.
 */
export function RangeFilter({
  scope,
  range,
  presets,
  onChange,
  fieldErrors,
}: {
  scope: Scope;
  range: DateRange;
  presets: readonly Preset[];
  onChange: (range: DateRange) => void;
  fieldErrors: Record<string, string[] | undefined> | null | undefined;
}) {
  const t = useTranslations("analytics");
  const [draft, setDraft] = useState<DateRange>(range);
  const choose = (next: DateRange) => {
    setDraft(next);
    onChange(next);
  };
  return (
    <div className="space-y-3">
      <form
        aria-label={t("filter.label")}
        className="flex flex-wrap items-end gap-3"
        onSubmit={(event) => {
          event.preventDefault();
          onChange(draft);
        }}
      >
        <Field
          type="date"
          label={t("filter.from")}
          name="from"
          value={draft.from}
          max={draft.to || undefined}
          onChange={(event) => setDraft({ ...draft, from: event.target.value })}
          error={fieldErrors?.from?.[0]}
        />
        <Field
          type="date"
          label={t("filter.to")}
          name="to"
          value={draft.to}
          min={draft.from || undefined}
          onChange={(event) => setDraft({ ...draft, to: event.target.value })}
          error={fieldErrors?.to?.[0]}
        />
        {/* Not disabled while loading: the server may render a loading state the client has already left (hydration). */}
        <Button type="submit">
          {t("filter.apply")}
        </Button>
        <div className="flex flex-wrap gap-2">
          {presets.map((preset) => (
            <Button key={preset} variant="ghost" onClick={() => choose(presetRange(preset, new Date()))}>
              {t(`filter.presets.${preset}`)}
            </Button>
          ))}
        </div>
      </form>
      <div className="flex flex-wrap items-center gap-2 text-sm" data-testid="analytics-export">
        <span className="font-medium text-slate-700 dark:text-slate-200">{t("export.label")}:</span>
        {(["summary", "series", "users"] as const).map((table) => (
          <a
            key={table}
            href={exportHref(scope, range, table)}
            download
            className="rounded-md border border-slate-300 px-2.5 py-1 text-slate-800 hover:bg-slate-50 dark:border-slate-600 dark:text-slate-100 dark:hover:bg-slate-800"
          >
            {t(`export.${table}`)}
          </a>
        ))}
      </div>
    </div>
  );
}
