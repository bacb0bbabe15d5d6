"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { api } from "@/trpc/react";
import { Button } from "../ui/button";
import { isMigrationActive } from "./migration-progress";
import type { TenantRow } from "./tenants-view";

const TIERS = ["SHARED", "SCHEMA", "ISOLATED"] as const;

/**
 * Where a team can be moved: every placement but its own, i.e. each other tier in
 * the chosen region and, in another region, its own tier too (a region move).
 */
export function movesFor(row: Pick<TenantRow, "tier" | "region">, region: string): Array<(typeof TIERS)[number]> {
  return TIERS.filter((tier) => tier !== row.tier || region !== row.region);
}

/**
 * "Move to …" (with a region select when more than one region is offered; the
 * team's own region by default) and "Retry sync" for one tenant, each with its
 * outcome beside it.
 */
export function TenantActions({ row, regions }: { row: TenantRow; regions: readonly string[] }) {
  const t = useTranslations("platform.tenancy");
  const tPlatform = useTranslations("platform");
  const utils = api.useUtils();
  const start = api.platform.startMigration.useMutation({ onSuccess: () => utils.platform.tenants.invalidate() });
  const sync = api.platform.retrySync.useMutation({ onSuccess: () => utils.platform.tenants.invalidate() });
  const busy = isMigrationActive(row.migration) || start.isPending;
  const [region, setRegion] = useState(row.region);
  // The team's own region is always a choice, even if it is no longer offered.
  const choices = regions.includes(row.region) ? regions : [row.region, ...regions];
  const otherRegion = region !== row.region;

  return (
    <div className="flex min-w-44 flex-col items-start gap-2 text-xs">
      {choices.length > 1 ? (
        <label className="flex flex-col gap-1">
          <span>{t("moveRegion")}</span>
          <select
            value={region}
            disabled={busy}
            onChange={(event) => setRegion(event.target.value)}
            className="rounded-md border border-slate-300 px-2 py-1 dark:border-slate-600 dark:bg-slate-800"
            data-testid={`move-region-${row.id}`}
          >
            {choices.map((choice) => (
              <option key={choice} value={choice}>
                {choice === row.region ? t("currentRegion", { region: choice }) : choice}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {movesFor(row, region).map((toTier) => (
        <Button
          key={toTier}
          variant="secondary"
          disabled={busy}
          onClick={() => start.mutate(otherRegion ? { teamId: row.id, toTier, toRegion: region } : { teamId: row.id, toTier })}
          data-testid={`move-${row.id}-${toTier}`}
        >
          {start.isPending
            ? t("moving")
            : otherRegion
              ? t("moveToRegion", { tier: tPlatform(`tiers.${toTier}`), region })
              : t("moveTo", { tier: tPlatform(`tiers.${toTier}`) })}
        </Button>
      ))}
      {start.data ? <p role="status">{t("started", { tier: tPlatform(`tiers.${start.data.toTier}`) })}</p> : null}
      {start.error ? (
        <p role="alert" className="max-w-xs break-words text-red-700 dark:text-red-300">
          {start.error.message}
        </p>
      ) : null}
      <Button variant="ghost" disabled={sync.isPending} onClick={() => sync.mutate({ teamId: row.id })} data-testid={`retry-sync-${row.id}`}>
        {sync.isPending ? t("syncing") : t("retrySync")}
      </Button>
      {sync.data ? (
        <p role="status" data-testid={`sync-result-${row.id}`}>
          {sync.data.result ? t("syncOutcome", { outcome: syncOutcomeLabel(t, sync.data.result.outcome) }) : t("syncNoResult")}
          {sync.data.result?.error ? ` ${t("error", { error: sync.data.result.error })}` : ""}
        </p>
      ) : null}
      {sync.error ? (
        <p role="alert" className="max-w-xs break-words text-red-700 dark:text-red-300">
          {sync.error.message}
        </p>
      ) : null}
    </div>
  );
}

type Translate = ReturnType<typeof useTranslations<"platform.tenancy">>;

export function syncOutcomeLabel(t: Translate, outcome: string): string {
  return outcome === "applied" || outcome === "current" || outcome === "failed" ? t(`syncOutcomes.${outcome}`) : outcome;
}
