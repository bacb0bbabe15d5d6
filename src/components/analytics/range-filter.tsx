"use client";

import { useTranslations } from "next-intl";
import { DateRangeForm } from "../ui/date-range-form";
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
  return (
    <div className="space-y-3">
      {/* Apply is not disabled while loading: the server may render a loading state the client has already left (hydration). */}
      <DateRangeForm
        initial={range}
        onApply={onChange}
        presets={presets.map((preset) => ({ key: preset, label: t(`filter.presets.${preset}`), range: () => presetRange(preset, new Date()) }))}
        labels={{ form: t("filter.label"), from: t("filter.from"), to: t("filter.to"), apply: t("filter.apply") }}
        fieldErrors={fieldErrors}
      />
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
