import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { TeamTimezoneForm } from "@/components/digest/team-timezone-form";
import { TeamSettings } from "@/components/settings/team-settings";
import { serverApi } from "@/trpc/server";
import { auth } from "@/server/auth";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("settings");
  return { title: t("teamTitle") };
}

export default async function TeamSettingsPage() {
  const [current, session] = await Promise.all([serverApi.team.current(), auth()]);
  return (
    <div className="space-y-6">
      <TeamSettings permissions={current.permissions} myUserId={session?.user?.id ?? ""} />
      <TeamTimezoneForm canEdit={current.permissions.includes("team:update")} />
    </div>
  );
}
