import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AiUsageView } from "@/components/ai-usage/ai-usage-view";
import { HydrateClient, serverApi } from "@/trpc/server";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("ai.usage");
  return { title: t("title") };
}

/** This month so far (UTC calendar): the range the page opens with. */
function monthToDate(now: Date): { from: string; to: string } {
  const today = now.toISOString().slice(0, 10);
  return { from: `${today.slice(0, 8)}01`, to: today };
}

export default async function AiUsagePage() {
  const current = await serverApi.team.current();
  const canRead = current.permissions.includes("usage:read");
  const range = monthToDate(new Date());
  if (canRead) void serverApi.ai.usage.prefetch(range);
  return (
    <HydrateClient>
      <AiUsageView canRead={canRead} initialRange={range} />
    </HydrateClient>
  );
}
