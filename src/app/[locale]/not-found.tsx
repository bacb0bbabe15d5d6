import { getTranslations } from "next-intl/server";
import { Link } from "@/i18n/navigation";

export default async function NotFound() {
  const t = await getTranslations("common");
  return (
    <div className="mx-auto max-w-lg space-y-3 px-4 py-16 text-center">
      <h1 className="text-xl font-semibold">{t("notFound")}</h1>
      <p className="text-sm text-slate-600 dark:text-slate-300">{t("notFoundHelp")}</p>
      <Link href="/dashboard" className="text-sm font-medium text-brand-600 hover:underline">
        {t("backHome")}
      </Link>
    </div>
  );
}
