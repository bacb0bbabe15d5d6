import { useTranslations } from "next-intl";
import type { RegionId } from "@/lib/regions";
import { cn } from "./cn";

type RegionSelectProps = {
  /** The regions this installation offers (configuredRegions(), passed down from the server). */
  regions: readonly RegionId[];
  defaultValue: string;
  error?: string | undefined;
  name?: string;
};

/** The "Data region" select of sign-up and of a new team: where the team's data will be stored. */
export function RegionSelect({ regions, defaultValue, error, name = "region" }: RegionSelectProps) {
  const t = useTranslations("common");
  const id = `field-${name}`;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700 dark:text-slate-200">
        {t("dataRegion")}
      </label>
      <select
        id={id}
        name={name}
        defaultValue={defaultValue}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : `${id}-hint`}
        className={cn(
          "block w-full rounded-md border bg-white px-3 py-2 text-sm text-slate-900 shadow-sm outline-none focus:border-brand-500 focus:ring-2 focus:ring-brand-100 dark:bg-slate-900 dark:text-slate-100",
          error ? "border-red-500" : "border-slate-300 dark:border-slate-600",
        )}
      >
        {regions.map((region) => (
          <option key={region} value={region}>
            {t(`regions.${region}`)}
          </option>
        ))}
      </select>
      {error ? (
        <p id={`${id}-error`} className="text-sm text-red-600" role="alert">
          {error}
        </p>
      ) : (
        <p id={`${id}-hint`} className="text-xs text-slate-500">
          {t("dataRegionHint")}
        </p>
      )}
    </div>
  );
}
