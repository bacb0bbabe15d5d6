import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { DigestCard } from "@/components/digest/digest-card";
import { Card } from "@/components/ui/card";
import { Link } from "@/i18n/navigation";
import { isIntent } from "@/lib/onboarding";
import { isRegionId } from "@/lib/regions";
import { auth } from "@/server/auth";
import { userIntent } from "@/server/services/account/onboarding";
import { serverApi } from "@/trpc/server";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("dashboard");
  return { title: t("title") };
}

export default async function DashboardPage() {
  const [t, common, session] = await Promise.all([getTranslations("dashboard"), getTranslations("common"), auth()]);
  const [current, projects, savedIntent] = await Promise.all([
    serverApi.team.current(),
    serverApi.project.list({ limit: 5 }),
    session?.user?.id ? userIntent(session.user.id) : null,
  ]);
  const intent = isIntent(savedIntent) ? savedIntent : "exploring";
  const { region } = current.team;
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold" data-testid="team-name">
          {current.team.name}
        </h1>
        <p className="text-sm text-slate-600 dark:text-slate-300">
          {t("youAre", { role: common(`roles.${current.role}`), tier: common(`tiers.${current.team.tier}`), region: isRegionId(region) ? common(`regions.${region}`) : region })}
        </p>
      </div>
      {current.permissions.includes("invoice:read") ? <DigestCard canGenerate={current.permissions.includes("team:update")} /> : null}
      <Card>
        <h2 className="font-semibold">{t("gettingStarted")}</h2>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">{t(`intentHints.${intent}`)}</p>
      </Card>
      <Card>
        <div className="flex items-center justify-between">
          <h2 className="font-semibold">{t("recentProjects")}</h2>
          <Link href="/projects" className="text-sm font-medium text-brand-600 hover:underline">
            {t("allProjects")}
          </Link>
        </div>
        {projects.items.length === 0 ? (
          <p className="mt-3 text-sm text-slate-600 dark:text-slate-300">{t("noProjects")}</p>
        ) : (
          <ul className="mt-3 divide-y divide-slate-100 dark:divide-slate-800">
            {projects.items.map((project) => (
              <li key={project.id} className="py-2 text-sm">
                <Link href={`/projects/${project.id}`} className="hover:underline">
                  {project.name}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
