import { getLocale } from "next-intl/server";
import { redirect } from "@/i18n/navigation";

export default async function SettingsIndex() {
  const locale = await getLocale();
  return redirect({ href: "/settings/team", locale });
}
