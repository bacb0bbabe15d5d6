import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { auth } from "@/server/auth";
import { isSuperAdmin } from "@/server/services/platform/superadmin";
import { serverApi } from "@/trpc/server";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("platform");
  return { title: t("title") };
}

export default async function PlatformPage() {
  const [session, t] = await Promise.all([auth(), getTranslations("platform")]);
  if (!session?.user?.id || !(await isSuperAdmin(session.user.id))) notFound();
  const teams = await serverApi.platform.teams();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("tenants")}</h1>
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
                <td className="px-4 py-3 text-right">{team.projects}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
    </div>
  );
}
