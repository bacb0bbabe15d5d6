"use client";

import { useFormatter, useTranslations } from "next-intl";
import type { RouterOutputs } from "@/trpc/react";
import { Button } from "../ui/button";
import { cn } from "../ui/cn";

type Conversation = RouterOutputs["chat"]["listConversations"]["items"][number];

export function ConversationList({
  conversations,
  selectedId,
  onSelect,
  onNew,
  onDelete,
  deleting,
}: {
  conversations: Conversation[];
  selectedId: string | null;
  onSelect: (id: string) => void;
  onNew: () => void;
  onDelete: (conversation: Conversation) => void;
  deleting: boolean;
}) {
  const t = useTranslations("chat");
  const format = useFormatter();
  return (
    <nav aria-label={t("conversations")} className="space-y-3">
      <Button variant="secondary" className="w-full" onClick={onNew}>
        {t("newConversation")}
      </Button>
      {conversations.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-300">{t("noConversations")}</p>
      ) : (
        <ul className="space-y-1" data-testid="conversation-list">
          {conversations.map((conversation) => {
            const selected = conversation.id === selectedId;
            return (
              <li key={conversation.id} className={cn("group flex items-center gap-1 rounded-md", selected && "bg-slate-100 dark:bg-slate-800")}>
                <button
                  type="button"
                  aria-current={selected ? "true" : undefined}
                  onClick={() => onSelect(conversation.id)}
                  className="min-w-0 flex-1 px-2 py-1.5 text-left hover:underline"
                >
                  <span className="block truncate text-sm font-medium">{conversation.title}</span>
                  <span className="block text-xs text-slate-500">{format.dateTime(conversation.updatedAt, { dateStyle: "medium", timeStyle: "short" })}</span>
                </button>
                <button
                  type="button"
                  disabled={deleting}
                  aria-label={`${t("deleteConversation")}: ${conversation.title}`}
                  title={t("deleteConversation")}
                  onClick={() => onDelete(conversation)}
                  className="rounded px-2 py-1 text-slate-400 opacity-60 hover:bg-red-50 hover:text-red-700 group-hover:opacity-100 focus-visible:opacity-100 disabled:cursor-not-allowed"
                >
                  <span aria-hidden>×</span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </nav>
  );
}
