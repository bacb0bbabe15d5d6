import type { Metadata } from "next";
import { TeamSettings } from "@/components/settings/team-settings";
import { serverApi } from "@/trpc/server";
import { auth } from "@/server/auth";

export const metadata: Metadata = { title: "Team settings" };

export default async function TeamSettingsPage() {
  const [current, session] = await Promise.all([serverApi.team.current(), auth()]);
  return <TeamSettings permissions={current.permissions} myUserId={session?.user?.id ?? ""} />;
}
