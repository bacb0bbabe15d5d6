import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { OAuthButtons } from "@/components/auth/oauth-buttons";
import { SignInForm } from "@/components/auth/sign-in-form";
import { Card } from "@/components/ui/card";
import { safeCallbackUrl } from "@/lib/safe-redirect";

// OAuth buttons depend on the runtime configuration, not the build's.
export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth");
  return { title: t("signInTitle") };
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const [t, locale] = await Promise.all([getTranslations("auth"), getLocale()]);
  const callbackUrl = safeCallbackUrl((await searchParams).callbackUrl, `/${locale}/dashboard`);
  return (
    <Card>
      <h1 className="mb-6 text-xl font-semibold">{t("signInTitle")}</h1>
      <SignInForm callbackUrl={callbackUrl} />
      <OAuthButtons callbackUrl={callbackUrl} />
    </Card>
  );
}
