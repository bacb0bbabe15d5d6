import type { Metadata } from "next";
import { hasLocale } from "next-intl";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { PricingPlans } from "@/components/billing/pricing-plans";
import { LocaleSwitcher } from "@/components/theme/locale-switcher";
import { ThemeToggle } from "@/components/theme/theme-toggle";
import { Link } from "@/i18n/navigation";
import { routing } from "@/i18n/routing";
import { auth } from "@/server/auth";

// Whether the visitor is signed in decides where the buttons lead.
export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("billing.pricing");
  return { title: t("title") };
}

/** The public pricing page: the plans from src/lib/plans.ts, for visitors and signed-in users alike. */
export default async function PricingPage({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  if (hasLocale(routing.locales, locale)) setRequestLocale(locale);
  const [t, session] = await Promise.all([getTranslations("billing.pricing"), auth()]);
  const signedIn = Boolean(session?.user?.id);
  return (
    <main className="mx-auto max-w-5xl px-6 py-16">
      <div className="mb-8 flex items-center justify-between gap-2">
        <Link href="/" className="text-sm font-medium text-brand-600 hover:underline">
          {t("backHome")}
        </Link>
        <div className="flex gap-2">
          <LocaleSwitcher />
          <ThemeToggle />
        </div>
      </div>
      <h1 className="text-4xl font-bold tracking-tight">{t("title")}</h1>
      <p className="mt-4 max-w-2xl text-lg text-slate-600 dark:text-slate-300">{t("lead")}</p>
      {signedIn ? <p className="mt-2 text-sm text-slate-600 dark:text-slate-300">{t("signedInNote")}</p> : null}
      <PricingPlans signedIn={signedIn} />
      <p className="mt-8 max-w-3xl text-sm text-slate-600 dark:text-slate-300">{t("tierNote")}</p>
    </main>
  );
}
