import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { OAuthButtons } from "@/components/auth/oauth-buttons";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { Card } from "@/components/ui/card";
import { configuredRegions, defaultRegion } from "@/server/db/tenancy/regions";

// OAuth buttons depend on the runtime configuration, not the build's.
export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth");
  return { title: t("signUpTitle") };
}

export default async function SignUpPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const [t, locale, params] = await Promise.all([getTranslations("auth"), getLocale(), searchParams]);
  const invite = typeof params.invite === "string" && /^[A-Za-z0-9_-]{20,100}$/.test(params.invite) ? params.invite : undefined;
  const email = typeof params.email === "string" ? params.email.slice(0, 254) : undefined;
  return (
    <Card>
      <h1 className="mb-1 text-xl font-semibold">{t("signUpTitle")}</h1>
      <p className="mb-6 text-sm text-slate-600 dark:text-slate-300">{invite ? t("signUpInvitedHelp") : t("signUpHelp")}</p>
      <SignUpForm invite={invite} email={email} regions={configuredRegions()} defaultRegion={defaultRegion()} />
      <OAuthButtons callbackUrl={`/${locale}/onboarding`} />
    </Card>
  );
}
