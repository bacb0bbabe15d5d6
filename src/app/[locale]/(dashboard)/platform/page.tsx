import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PaymentSimulator } from "@/components/billing/payment-simulator";
import { Card } from "@/components/ui/card";
import { Link } from "@/i18n/navigation";
import { auth } from "@/server/auth";
import { isSuperAdmin } from "@/server/services/platform/superadmin";
import { serverApi } from "@/trpc/server";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("platform");
  return { title: t("title") };
}

export default async function PlatformPage() {
  const [session, t, tAnalytics] = await Promise.all([auth(), getTranslations("platform"), getTranslations("analytics.platform")]);
  if (!session?.user?.id || !(await isSuperAdmin(session.user.id))) notFound();
  const [teams, jobRuns] = await Promise.all([serverApi.platform.teams(), serverApi.platform.jobRuns({ limit: 50 })]);
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">{t("tenants")}</h1>
        <Link href="/platform/analytics" className="text-sm font-medium text-brand-700 hover:underline dark:text-brand-300" data-testid="platform-analytics-link">
          {tAnalytics("link")}
        </Link>
        <Link href="/platform/tenants" className="text-sm font-medium text-brand-700 hover:underline dark:text-brand-300" data-testid="platform-tenants-link">
          {t("tenancy.link")}
        </Link>
      </div>
      <Card className="overflow-x-auto p-0">
        <table className="w-full text-left text-sm">
          <thead className="border-b border-slate-200 text-xs uppercase text-slate-500 dark:border-slate-700">
            <tr>
              <th className="px-4 py-3">{t("columns.team")}</th>
              <th className="px-4 py-3">{t("columns.tier")}</th>
              <th className="px-4 py-3">{t("columns.region")}</th>
              <th className="px-4 py-3">{t("columns.status")}</th>
              <th className="px-4 py-3 text-right">{t("columns.members")}</th>
              <th className="px-4 py-3 text-right">{t("columns.projects")}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {teams.map((team) => (
              <tr key={team.id}>
                <td className="px-4 py-3 font-medium">{team.name}</td>
                <td className="px-4 py-3">{t(`tiers.${team.tier}`)}</td>
                <td className="px-4 py-3">{team.region}</td>
                <td className="px-4 py-3">{t(`statuses.${team.status}`)}</td>
                <td className="px-4 py-3 text-right">{team.members}</td>
                <td className="px-4 py-3 text-right">{team.projects ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
      <PaymentSimulator teams={teams.map((team) => ({ id: team.id, name: team.name }))} />
      <h2 className="pt-4 text-xl font-semibold">{t("jobRuns.title")}</h2>
      <Card className="overflow-x-auto p-0" data-testid="platform-job-runs">
        {jobRuns.length === 0 ? (
          <p className="px-4 py-3 text-sm text-slate-500">{t("jobRuns.empty")}</p>
        ) : (
          <table className="w-full text-left text-sm">
            <thead className="border-b border-slate-200 text-xs uppercase text-slate-500 dark:border-slate-700">
              <tr>
                <th className="px-4 py-3">{t("jobRuns.columns.job")}</th>
                <th className="px-4 py-3">{t("jobRuns.columns.team")}</th>
                <th className="px-4 py-3">{t("jobRuns.columns.status")}</th>
                <th className="px-4 py-3 text-right">{t("jobRuns.columns.attempts")}</th>
                <th className="px-4 py-3 text-right">{t("jobRuns.columns.duration")}</th>
                <th className="px-4 py-3">{t("jobRuns.columns.when")}</th>
                <th className="px-4 py-3">{t("jobRuns.columns.error")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
              {jobRuns.map((run) => (
                <tr key={run.id}>
                  <td className="px-4 py-3 font-mono text-xs">{run.job}</td>
                  <td className="px-4 py-3">{run.teamName ?? t("jobRuns.noTeam")}</td>
                  <td className="px-4 py-3">{t(`jobRuns.statuses.${run.status}`)}</td>
                  <td className="px-4 py-3 text-right tabular-nums">
                    {run.attempts}/{run.maxAttempts}
                  </td>
                  <td className="px-4 py-3 text-right tabular-nums">{run.durationMs === null ? "—" : `${run.durationMs} ms`}</td>
                  <td className="px-4 py-3 whitespace-nowrap text-xs">{run.createdAt.toISOString().replace("T", " ").slice(0, 19)}</td>
                  <td className="max-w-xs truncate px-4 py-3 text-xs text-red-700" title={run.lastError ?? undefined}>
                    {run.lastError ?? ""}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </div>
  );
}
