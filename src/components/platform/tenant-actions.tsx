"use client";

import { useTranslations } from "next-intl";
import { api } from "@/trpc/react";
import { Button } from "../ui/button";
import { isMigrationActive } from "./migration-progress";
import type { TenantRow } from "./tenants-view";

/** Where a team can be moved from here: SHARED ↔ SCHEMA; ISOLATED is shown, not offered. */
const MOVES: Record<TenantRow["tier"], Array<"SHARED" | "SCHEMA">> = {
  SHARED: ["SCHEMA"],
  SCHEMA: ["SHARED"],
  ISOLATED: [],
};

/** "Move to …" and "Retry sync" for one tenant, each with its outcome beside it. */
export function TenantActions({ row }: { row: TenantRow }) {
  const t = useTranslations("platform.tenancy");
  const tPlatform = useTranslations("platform");
  const utils = api.useUtils();
  const start = api.platform.startMigration.useMutation({ onSuccess: () => utils.platform.tenants.invalidate() });
  const sync = api.platform.retrySync.useMutation({ onSuccess: () => utils.platform.tenants.invalidate() });
  const busy = isMigrationActive(row.migration) || start.isPending;

  return (
    <div className="flex min-w-44 flex-col items-start gap-2 text-xs">
      {MOVES[row.tier].map((toTier) => (
        <Button key={toTier} variant="secondary" disabled={busy} onClick={() => start.mutate({ teamId: row.id, toTier })} data-testid={`move-${row.id}-${toTier}`}>
          {start.isPending ? t("moving") : t("moveTo", { tier: tPlatform(`tiers.${toTier}`) })}
        </Button>
      ))}
      {row.tier !== "ISOLATED" ? (
        <Button variant="secondary" disabled title={t("isolatedUnavailable", { tier: tPlatform("tiers.ISOLATED") })}>
          {t("isolatedUnavailable", { tier: tPlatform("tiers.ISOLATED") })}
        </Button>
      ) : null}
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
