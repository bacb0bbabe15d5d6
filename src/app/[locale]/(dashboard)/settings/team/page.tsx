import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { TeamSettings } from "@/components/settings/team-settings";
import { serverApi } from "@/trpc/server";
import { auth } from "@/server/auth";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("settings");
  return { title: t("teamTitle") };
}

export default async function TeamSettingsPage() {
  const [current, session] = await Promise.all([serverApi.team.current(), auth()]);
  return <TeamSettings permissions={current.permissions} myUserId={session?.user?.id ?? ""} />;
}
