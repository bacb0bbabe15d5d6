import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { TeamTimezoneForm } from "@/components/digest/team-timezone-form";
import { TeamSettings } from "@/components/settings/team-settings";
import { Card } from "@/components/ui/card";
import { isRegionId } from "@/lib/regions";
import { serverApi } from "@/trpc/server";
import { auth } from "@/server/auth";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("settings");
  return { title: t("teamTitle") };
}

export default async function TeamSettingsPage() {
  const [current, session, t, common] = await Promise.all([
    serverApi.team.current(),
    auth(),
    getTranslations("settings"),
    getTranslations("common"),
  ]);
  const { region } = current.team;
  return (
    <div className="space-y-6">
      {/* Read-only: moving a team's data to another region is an operator's data move. */}
      <Card>
        <p className="text-sm" data-testid="team-data-region">
          {t("dataRegionLine", { region: isRegionId(region) ? common(`regions.${region}`) : region })}
        </p>
        <p className="mt-1 text-xs text-slate-500">{common("dataRegionHint")}</p>
      </Card>
      <TeamSettings permissions={current.permissions} myUserId={session?.user?.id ?? ""} />
      <TeamTimezoneForm canEdit={current.permissions.includes("team:update")} />
    </div>
  );
}
