"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { api } from "@/trpc/react";
import { isMigrationActive, MIGRATION_POLL_MS, MigrationProgress } from "../platform/migration-progress";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import type { BillingOverview } from "./current-plan-card";

/**
 * "Move my data": when the plan includes another tenancy tier than the one the
 * team's data is on, the OWNER starts the tier migration here and watches it
 * (polled every 2 s while it runs): to a schema of its own (SCHEMA) or a database
 * of its own (ISOLATED, Enterprise), with the same progress either way.
 */
export function TierMove({ overview }: { overview: BillingOverview }) {
  const t = useTranslations("billing.tierMove");
  const tTiers = useTranslations("billing.tiers");
  const utils = api.useUtils();
  const latest = api.billing.latestTierMove.useQuery(undefined, {
    refetchInterval: (query) => (isMigrationActive(query.state.data) ? MIGRATION_POLL_MS : false),
  });
  // A move seen running on this page: its outcome stays shown once it finishes.
  const [watched, setWatched] = useState(false);
  const start = api.billing.startTierMove.useMutation({
    onSuccess: async () => {
      setWatched(true);
      await utils.billing.latestTierMove.invalidate();
    },
  });
  const migration = latest.data ?? null;
  const active = isMigrationActive(migration);
  // Seen running here (set while rendering, React's pattern for state derived from a change).
  if (active && !watched) setWatched(true);
  const wasActive = useRef(false);
  useEffect(() => {
    if (active) {
      wasActive.current = true;
      return;
    }
    if (wasActive.current) {
      // Finished: the team's tier and status changed.
      wasActive.current = false;
      void utils.billing.overview.invalidate();
    }
  }, [active, utils]);

  const { tier } = overview;
  const planTier = tTiers(`${tier.plan}.name`);
  const showOutcome = watched && migration !== null && !active;
  if (tier.matches && !active && !showOutcome) return null;

  return (
    <Card className="space-y-3" data-testid="tier-move">
      <h2 className="text-lg font-semibold">{t("title")}</h2>
      {active && migration ? (
        <div className="space-y-2" role="status">
          <p className="text-sm">{t("running", { tier: tTiers(`${migration.toTier}.name`) })}</p>
          <MigrationProgress migration={migration} testId="tier-move-progress" />
          <p className="text-sm text-slate-600 dark:text-slate-300">{t("explain")}</p>
        </div>
      ) : showOutcome && migration ? (
        <div className="space-y-2">
          <TierMoveOutcome status={migration.status} error={migration.error} tierName={tTiers(`${migration.toTier}.name`)} />
          {migration.status === "COMPLETED" ? <MigrationProgress migration={migration} testId="tier-move-progress" /> : null}
        </div>
      ) : null}
      {!tier.matches && !active ? (
        <div className="space-y-2">
          <p className="text-sm font-medium" data-testid="tier-move-offer">
            {t("offer", { tier: planTier })}
          </p>
          {tier.plan === "ISOLATED" ? (
            <p className="text-sm" data-testid="tier-move-isolated">
              {t("isolatedExplain")}
            </p>
          ) : null}
          <p className="text-sm text-slate-600 dark:text-slate-300">{t("explain")}</p>
          {overview.canManage ? (
            overview.state === "locked" ? (
              <p className="text-sm text-red-700 dark:text-red-300">{t("locked")}</p>
            ) : (
              <Button disabled={start.isPending} onClick={() => start.mutate({ toTier: tier.plan })} data-testid="tier-move-start">
                {start.isPending ? t("starting") : t("start")}
              </Button>
            )
          ) : (
            <p className="text-sm text-slate-600 dark:text-slate-300">{t("ownerOnly")}</p>
          )}
          {start.error ? (
            <p role="alert" className="text-sm text-red-700 dark:text-red-300">
              {start.error.message}
            </p>
          ) : null}
        </div>
      ) : null}
    </Card>
  );
}

function TierMoveOutcome({ status, error, tierName }: { status: string; error: string | null; tierName: string }) {
  const t = useTranslations("billing.tierMove");
  if (status === "COMPLETED") {
    return (
      <p role="status" data-testid="tier-move-done" className="rounded-md bg-emerald-50 px-4 py-3 text-sm text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100">
        {t("completed", { tier: tierName })}
      </p>
    );
  }
  const message = status === "ROLLED_BACK" ? t("rolledBack") : error ? t("failed", { error }) : t("failedNoReason");
  return (
    <p role="alert" data-testid="tier-move-failed" className="rounded-md bg-red-50 px-4 py-3 text-sm text-red-700 dark:bg-red-950 dark:text-red-200">
      {message}
    </p>
  );
}
