import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ChatView } from "@/components/chat/chat-view";
import { HydrateClient, serverApi } from "@/trpc/server";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("chat");
  return { title: t("title") };
}

export default async function ChatPage() {
  const current = await serverApi.team.current();
  if (current.permissions.includes("document:read")) void serverApi.chat.listConversations.prefetch({ limit: 30 });
  return (
    <HydrateClient>
      <ChatView canAsk={current.permissions.includes("ai:use")} />
    </HydrateClient>
  );
}
