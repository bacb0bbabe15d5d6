import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { TeamAnalyticsView } from "@/components/analytics/team-analytics-view";
import { presetRange } from "@/components/analytics/format";
import { HydrateClient, serverApi } from "@/trpc/server";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("analytics.team");
  return { title: t("title") };
}

/** The team's own analytics, for its owners (analytics:read); everyone else sees why not. */
export default async function AnalyticsPage() {
  const current = await serverApi.team.current();
  const canRead = current.permissions.includes("analytics:read");
  const range = presetRange("last30", new Date());
  // Awaited: the page renders with the numbers (a failed prefetch leaves the query to the client).
  if (canRead) await serverApi.analytics.team.prefetch(range);
  return (
    <HydrateClient>
      <TeamAnalyticsView canRead={canRead} initialRange={range} />
    </HydrateClient>
  );
}
