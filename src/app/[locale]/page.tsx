import { hasLocale } from "next-intl";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { routing } from "@/i18n/routing";
import { LocaleSwitcher } from "@/components/theme/locale-switcher";
import { ThemeToggle } from "@/components/theme/theme-toggle";
import { Link } from "@/i18n/navigation";

const PILLARS = ["projects", "ai", "billing", "tenancy"] as const;

export default async function HomePage({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  if (hasLocale(routing.locales, locale)) setRequestLocale(locale);
  const [t, pricing] = await Promise.all([getTranslations("home"), getTranslations("billing.pricing")]);
  return (
    <main className="mx-auto max-w-5xl px-6 py-16">
      <div className="mb-8 flex justify-end gap-2">
        <LocaleSwitcher />
        <ThemeToggle />
      </div>
      <p className="text-sm font-semibold uppercase tracking-wide text-brand-600">{t("kicker")}</p>
      <h1 className="mt-3 text-4xl font-bold tracking-tight sm:text-5xl">{t("title")}</h1>
      <p className="mt-4 max-w-2xl text-lg text-slate-600 dark:text-slate-300">{t("lead")}</p>
      <div className="mt-8 flex gap-3">
        <Link href="/sign-up" className="rounded-md bg-brand-600 px-4 py-2.5 text-sm font-medium text-white hover:bg-brand-700">
          {t("createTeam")}
        </Link>
        <Link href="/sign-in" className="rounded-md border border-slate-300 px-4 py-2.5 text-sm font-medium hover:bg-white dark:border-slate-600 dark:hover:bg-slate-900">
          {t("signIn")}
        </Link>
        <Link href="/pricing" className="rounded-md px-4 py-2.5 text-sm font-medium text-brand-600 hover:underline">
          {pricing("homeLink")}
        </Link>
      </div>
      <ul className="mt-14 grid gap-4 sm:grid-cols-2">
        {PILLARS.map((key) => (
          <li key={key} className="rounded-lg border border-slate-200 bg-white p-5 dark:border-slate-700 dark:bg-slate-900">
            <h2 className="font-semibold">{t(`pillars.${key}.title`)}</h2>
            <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">{t(`pillars.${key}.body`)}</p>
          </li>
        ))}
      </ul>
    </main>
  );
}
