import { getTranslations } from "next-intl/server";
import { Link } from "@/i18n/navigation";

const TABS = [
  { href: "/settings/team", key: "team" },
  { href: "/settings/notifications", key: "notifications" },
  { href: "/settings/invoice-rules", key: "invoiceRules" },
  { href: "/settings/billing", key: "billing" },
] as const;

export default async function SettingsLayout({ children }: { children: React.ReactNode }) {
  const t = await getTranslations("settings");
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <nav aria-label={t("navLabel")} className="flex gap-4 border-b border-slate-200 text-sm dark:border-slate-700">
        {TABS.map((tab) => (
          <Link key={tab.href} href={tab.href} className="-mb-px border-b-2 border-transparent px-1 pb-2 font-medium text-slate-600 hover:border-slate-400 dark:text-slate-300">
            {t(`tabs.${tab.key}`)}
          </Link>
        ))}
      </nav>
      {children}
    </div>
  );
}
