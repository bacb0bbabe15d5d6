import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { NotificationSettings } from "@/components/settings/notification-settings";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("settings");
  return { title: t("notificationsTitle") };
}

export default function NotificationSettingsPage() {
  return <NotificationSettings />;
}
