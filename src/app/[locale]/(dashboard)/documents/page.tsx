import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { DocumentsView } from "@/components/documents/documents-view";
import { documentLimits } from "@/server/services/documents/config";
import { HydrateClient, serverApi } from "@/trpc/server";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("documents");
  return { title: t("title") };
}

export default async function DocumentsPage() {
  const current = await serverApi.team.current();
  // Awaited, not streamed: the list then renders the same on the server and in the browser
  // (a query still pending at render time hydrates as loading on one side and as data on the other).
  if (current.permissions.includes("document:read")) await serverApi.document.list.prefetch({ limit: 50 });
  return (
    <HydrateClient>
      <DocumentsView permissions={current.permissions} teamId={current.team.id} maxBytes={documentLimits().maxBytes} />
    </HydrateClient>
  );
}
