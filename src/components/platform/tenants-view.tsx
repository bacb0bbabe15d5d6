"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { api, type RouterOutputs } from "@/trpc/react";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { LoadError, LoadingRows } from "../ui/list-state";
import { isMigrationActive, MIGRATION_POLL_MS, MigrationProgress } from "./migration-progress";
import { syncOutcomeLabel, TenantActions } from "./tenant-actions";

export type TenantRow = RouterOutputs["platform"]["tenants"][number];

/**
 * Operators' list of tenants: placement, size, status, the latest migration (live
 * while it runs: the list is polled every 2 s then) and sync, and the controls to
 * move a team or retry its sync.
 */
export function TenantsView() {
  const t = useTranslations("platform.tenancy");
  const tPlatform = useTranslations("platform");
  const format = useFormatter();
  const [draft, setDraft] = useState("");
  const [search, setSearch] = useState("");
  const tenants = api.platform.tenants.useQuery(search ? { search } : {}, {
    refetchInterval: (query) => (query.state.data?.some((row) => isMigrationActive(row.migration)) ? MIGRATION_POLL_MS : false),
  });
  // The offered regions: a region select appears in the actions only when there is a choice.
  const regions = api.platform.regions.useQuery(undefined, { staleTime: Infinity });

  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-600 dark:text-slate-300">{t("intro")}</p>
      <form
        role="search"
        className="flex flex-wrap items-end gap-2"
        onSubmit={(event) => {
          event.preventDefault();
          setSearch(draft.trim());
        }}
      >
        <label className="flex flex-col gap-1 text-sm">
          <span>{t("searchLabel")}</span>
          <input
            type="search"
            value={draft}
            maxLength={100}
            onChange={(event) => setDraft(event.target.value)}
            className="rounded-md border border-slate-300 px-3 py-2 dark:border-slate-600 dark:bg-slate-800"
          />
        </label>
        <Button type="submit" variant="secondary">
          {t("search")}
        </Button>
      </form>
      {tenants.isPending ? (
        <LoadingRows label={t("loading")} rowClassName="h-10" />
      ) : tenants.isError ? (
        <LoadError message={tenants.error.message} retryLabel={t("retry")} onRetry={() => void tenants.refetch()} />
      ) : tenants.data.length === 0 ? (
        <Card>
          <p className="text-sm text-slate-600">{t("empty")}</p>
        </Card>
      ) : (
        <Card className="overflow-x-auto p-0">
          <table className="w-full text-left text-sm" data-testid="tenants-table">
            <thead className="border-b border-slate-200 text-xs uppercase text-slate-500 dark:border-slate-700">
              <tr>
                <th className="px-4 py-3">{t("columns.team")}</th>
                <th className="px-4 py-3">{t("columns.tier")}</th>
                <th className="px-4 py-3">{t("columns.region")}</th>
                <th className="px-4 py-3">{t("columns.placement")}</th>
                <th className="px-4 py-3 text-right">{t("columns.rows")}</th>
                <th className="px-4 py-3">{t("columns.status")}</th>
                <th className="px-4 py-3">{t("columns.migration")}</th>
                <th className="px-4 py-3">{t("columns.sync")}</th>
                <th className="px-4 py-3">{t("columns.actions")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 align-top dark:divide-slate-800">
              {tenants.data.map((row) => (
                <tr key={row.id} data-testid={`tenant-${row.id}`}>
                  <td className="px-4 py-3">
                    <p className="font-medium">{row.name}</p>
                    <p className="text-xs text-slate-500">{row.slug}</p>
                  </td>
                  <td className="px-4 py-3">{tPlatform(`tiers.${row.tier}`)}</td>
                  <td className="px-4 py-3">{row.region}</td>
                  <td className="px-4 py-3 text-xs" data-testid={`placement-${row.id}`}>
                    <PlacementCell placement={row.placement} />
                  </td>
                  <td className="px-4 py-3 text-right tabular-nums">{row.rows === null ? t("unknownRows") : format.number(row.rows)}</td>
                  <td className="px-4 py-3">{tPlatform(`statuses.${row.status}`)}</td>
                  <td className="px-4 py-3">
                    <MigrationCell row={row} />
                  </td>
                  <td className="px-4 py-3 text-xs">
                    {row.sync ? (
                      <>
                        <p>{t("syncOutcome", { outcome: syncOutcomeLabel(t, row.sync.outcome) })}</p>
                        {row.sync.error ? <p className="max-w-xs break-words text-red-700 dark:text-red-300">{t("error", { error: row.sync.error })}</p> : null}
                      </>
                    ) : (
                      t("noSync")
                    )}
                  </td>
                  <td className="px-4 py-3">
                    <TenantActions row={row} regions={regions.data ?? []} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      )}
    </div>
  );
}

/** Where the team's tables are: the shared public tables, its schema, or its own database on the region's server. */
function PlacementCell({ placement }: { placement: TenantRow["placement"] }) {
  const t = useTranslations("platform.tenancy.placement");
  const values = { name: placement.name, region: placement.region };
  return <span className="break-all">{t(placement.kind, values)}</span>;
}

function MigrationCell({ row }: { row: TenantRow }) {
  const t = useTranslations("platform.tenancy");
  const tPlatform = useTranslations("platform");
  const migration = row.migration;
  if (!migration) return <span className="text-xs">{t("noMigration")}</span>;
  return (
    <div className="space-y-1 text-xs" data-testid={`migration-${row.id}`}>
      <p>
        {t("migrationSummary", {
          from: tPlatform(`tiers.${migration.fromTier}`),
          to: tPlatform(`tiers.${migration.toTier}`),
          status: t(`migrationStatuses.${migration.status}`),
        })}
      </p>
      {isMigrationActive(migration) ? <MigrationProgress migration={migration} /> : null}
      {migration.error && (migration.status === "FAILED" || migration.status === "ROLLED_BACK") ? (
        <p role="alert" className="max-w-xs break-words text-red-700 dark:text-red-300">
          {t("error", { error: migration.error })}
        </p>
      ) : null}
    </div>
  );
}
