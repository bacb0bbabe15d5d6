"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { useRouter } from "@/i18n/navigation";
import { api } from "@/trpc/react";
import { Button } from "../ui/button";
import { Card } from "../ui/card";

export type SimulatorTeam = { id: string; name: string };

/** Picks a team and records a failed or paid attempt of its invoice (billing.simulatePayment). */
export function PaymentSimulatorForm({ teams }: { teams: readonly SimulatorTeam[] }) {
  const t = useTranslations("billing.simulator");
  const statuses = useTranslations("platform.statuses");
  const router = useRouter();
  const [teamId, setTeamId] = useState(teams[0]?.id ?? "");
  const simulate = api.billing.simulatePayment.useMutation({ onSuccess: () => router.refresh() });
  const result = simulate.data;
  return (
    <Card className="space-y-3" data-testid="payment-simulator">
      <h2 className="text-lg font-semibold">{t("title")}</h2>
      <p className="text-sm text-slate-600 dark:text-slate-300">{t("intro")}</p>
      <div className="flex flex-wrap items-end gap-3">
        <div className="space-y-1">
          <label htmlFor="simulator-team" className="block text-sm font-medium text-slate-700 dark:text-slate-200">
            {t("team")}
          </label>
          <select
            id="simulator-team"
            value={teamId}
            onChange={(event) => {
              setTeamId(event.target.value);
              simulate.reset();
            }}
            className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-600 dark:bg-slate-900"
          >
            {teams.map((team) => (
              <option key={team.id} value={team.id}>
                {team.name}
              </option>
            ))}
          </select>
        </div>
        <Button variant="danger" disabled={!teamId || simulate.isPending} onClick={() => simulate.mutate({ teamId, outcome: "failed" })}>
          {t("failed")}
        </Button>
        <Button variant="secondary" disabled={!teamId || simulate.isPending} onClick={() => simulate.mutate({ teamId, outcome: "paid" })}>
          {t("paid")}
        </Button>
      </div>
      {simulate.isPending ? <p className="text-sm">{t("working")}</p> : null}
      {result && !simulate.isPending ? (
        <p role="status" data-testid="simulator-result" className="text-sm">
          {t(result.outcome === "failed" ? "resultFailed" : "resultPaid", {
            attempt: result.attempt,
            failures: result.failedPaymentCount,
            status: statuses(result.teamStatus),
          })}
        </p>
      ) : null}
      {simulate.error ? (
        <p role="alert" className="text-sm text-red-600">
          {simulate.error.message}
        </p>
      ) : null}
    </Card>
  );
}
