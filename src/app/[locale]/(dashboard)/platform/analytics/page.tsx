import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PlatformAnalyticsView } from "@/components/analytics/platform-analytics-view";
import { presetRange } from "@/components/analytics/format";
import { auth } from "@/server/auth";
import { isSuperAdmin } from "@/server/services/platform/superadmin";
import { HydrateClient, serverApi } from "@/trpc/server";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("analytics.platform");
  return { title: t("title") };
}

/** Revenue analytics of the whole platform: operators only (anyone else gets a 404, as for /platform). */
export default async function PlatformAnalyticsPage() {
  const session = await auth();
  if (!session?.user?.id || !(await isSuperAdmin(session.user.id))) notFound();
  const range = presetRange("last12Months", new Date());
  // Awaited: the page renders with the numbers (a failed prefetch leaves the query to the client).
  await serverApi.analytics.platform.prefetch(range);
  return (
    <HydrateClient>
      <PlatformAnalyticsView initialRange={range} />
    </HydrateClient>
  );
}
