"use client";

import { useFormatter, useTranslations } from "next-intl";

/** The parts of a tier migration the progress display reads (the engine's MigrationView). */
export type MigrationProgressView = {
  status: "PENDING" | "RUNNING" | "COMPLETED" | "FAILED" | "ROLLED_BACK";
  step: string;
  progress: { tables: Array<{ name: string; total: number; copied: number }>; rowsTotal: number; rowsCopied: number; percent: number } | null;
};

/** A migration still moving data: the page polls while it is. */
export function isMigrationActive(migration: { status: MigrationProgressView["status"] } | null | undefined): boolean {
  return migration?.status === "PENDING" || migration?.status === "RUNNING";
}

/** How often a page asks again while a migration runs. */
export const MIGRATION_POLL_MS = 2_000;

/**
 * The live progress of a tier migration: a progress bar (percent of rows copied),
 * the step, rows and tables copied. Shared by the operators' tenant list and the
 * owner's billing page.
 */
export function MigrationProgress({ migration, testId }: { migration: MigrationProgressView; testId?: string }) {
  const t = useTranslations("platform.tenancy.progress");
  const format = useFormatter();
  const progress = migration.progress;
  const percent = Math.max(0, Math.min(100, Math.round(progress?.percent ?? (migration.status === "COMPLETED" ? 100 : 0))));
  const tablesDone = progress ? progress.tables.filter((table) => table.copied >= table.total).length : 0;
  return (
    <div className="min-w-48 space-y-1 text-xs" data-testid={testId}>
      <div
        role="progressbar"
        aria-label={t("label")}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={t("percent", { percent })}
        className="h-2 w-full overflow-hidden rounded-full bg-slate-200 dark:bg-slate-700"
      >
        <div className="h-full rounded-full bg-brand-600 transition-[width]" style={{ width: `${percent}%` }} />
      </div>
      <p className="flex flex-wrap justify-between gap-2 text-slate-600 dark:text-slate-300">
        <span>{t("step", { step: migration.step })}</span>
        <span className="tabular-nums">{t("percent", { percent })}</span>
      </p>
      {progress ? (
        <p className="tabular-nums text-slate-600 dark:text-slate-300">
          {t("rows", { copied: format.number(progress.rowsCopied), total: format.number(progress.rowsTotal) })} ·{" "}
          {t("tables", { done: tablesDone, count: progress.tables.length })}
        </p>
      ) : (
        <p className="text-slate-600 dark:text-slate-300">{t("waiting")}</p>
      )}
    </div>
  );
}
