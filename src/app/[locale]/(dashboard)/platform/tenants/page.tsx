import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { TenantsView } from "@/components/platform/tenants-view";
import { Link } from "@/i18n/navigation";
import { auth } from "@/server/auth";
import { isSuperAdmin } from "@/server/services/platform/superadmin";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("platform.tenancy");
  return { title: t("title") };
}

/** Operators only: anyone else gets the same 404 as for a page that does not exist. */
export default async function PlatformTenantsPage() {
  const [session, t, tPlatform] = await Promise.all([auth(), getTranslations("platform.tenancy"), getTranslations("platform")]);
  if (!session?.user?.id || !(await isSuperAdmin(session.user.id))) notFound();
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <Link href="/platform" className="text-sm font-medium text-brand-700 hover:underline dark:text-brand-300">
          {tPlatform("title")}
        </Link>
      </div>
      <TenantsView />
    </div>
  );
}
