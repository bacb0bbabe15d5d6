"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { api } from "@/trpc/react";
import { AiNotice, useAiStatus } from "../ai/ai-status";
import { SeePlansLink } from "../billing/see-plans-link";
import { Card } from "../ui/card";
import { LoadError, LoadingRows } from "../ui/list-state";
import { ConversationList } from "./conversation-list";
import { MessageThread } from "./message-thread";
import { QuestionForm } from "./question-form";

/**
 * The document chat: conversations on the side, the selected thread with cited
 * answers, and the question box. A failed question stays in the box (nothing was
 * saved on the server), so asking again is one keypress.
 */
export function ChatView({ canAsk }: { canAsk: boolean }) {
  const t = useTranslations("chat");
  const utils = api.useUtils();
  const status = useAiStatus();
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [draft, setDraft] = useState("");
  const conversations = api.chat.listConversations.useQuery({ limit: 30 });
  const thread = api.chat.getConversation.useQuery({ id: selectedId ?? "" }, { enabled: selectedId !== null });

  const ask = api.chat.ask.useMutation({
    onSuccess: async (result) => {
      setDraft("");
      // Show the answer at once; the refetch below brings the stored thread.
      utils.chat.getConversation.setData({ id: result.conversation.id }, (previous) =>
        previous
          ? { ...previous, messages: [...previous.messages, result.question, result.answer] }
          : {
              id: result.conversation.id,
              title: result.conversation.title,
              createdAt: result.question.createdAt,
              updatedAt: result.answer.createdAt,
              messages: [result.question, result.answer],
            },
      );
      setSelectedId(result.conversation.id);
      await Promise.all([utils.chat.listConversations.invalidate(), utils.chat.getConversation.invalidate({ id: result.conversation.id })]);
    },
  });
  const remove = api.chat.deleteConversation.useMutation({
    onSuccess: async ({ id }) => {
      if (id === selectedId) setSelectedId(null);
      utils.chat.getConversation.setData({ id }, undefined);
      await utils.chat.listConversations.invalidate();
    },
  });

  const messages = selectedId !== null && thread.data ? thread.data.messages : [];
  const pendingQuestion = ask.isPending ? (ask.variables?.question ?? null) : null;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">{t("title")}</h1>
          <p className="text-sm text-slate-600 dark:text-slate-300">{t("intro")}</p>
        </div>
        <AiNotice status={status.data} />
      </div>

      <div className="grid gap-4 lg:grid-cols-[16rem_1fr]">
        <Card className="p-4">
          {conversations.isPending ? (
            <LoadingRows label={t("loadingConversations")} rowClassName="h-8" />
          ) : conversations.isError ? (
            <LoadError message={conversations.error.message} retryLabel={t("retry")} onRetry={() => void conversations.refetch()} buttonClassName="mt-2" />
          ) : (
            <ConversationList
              conversations={conversations.data.items}
              selectedId={selectedId}
              deleting={remove.isPending}
              onSelect={(id) => {
                setSelectedId(id);
                ask.reset();
              }}
              onNew={() => {
                setSelectedId(null);
                ask.reset();
              }}
              onDelete={(conversation) => {
                if (window.confirm(t("deleteConfirm", { title: conversation.title }))) remove.mutate({ id: conversation.id });
              }}
            />
          )}
          {remove.error ? (
            <p role="alert" className="mt-2 text-sm text-red-600">
              {remove.error.message}
            </p>
          ) : null}
        </Card>

        <Card className="flex min-h-[28rem] flex-col gap-4">
          <div className="flex-1">
            {selectedId !== null && thread.isPending ? (
              <LoadingRows label={t("loadingMessages")} rows={2} rowClassName="h-12" className="space-y-3" />
            ) : selectedId !== null && thread.isError ? (
              <LoadError message={thread.error.data?.code === "NOT_FOUND" ? t("conversationGone") : thread.error.message} retryLabel={t("retry")} onRetry={() => void thread.refetch()} buttonClassName="mt-2" />
            ) : messages.length === 0 && pendingQuestion === null ? (
              <div className="py-10 text-center">
                <p className="font-medium">{t("emptyTitle")}</p>
                <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">{t("emptyHint")}</p>
              </div>
            ) : (
              <MessageThread messages={messages} pendingQuestion={pendingQuestion} />
            )}
          </div>
          {ask.error ? (
            <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 dark:bg-red-950 dark:text-red-200">
              {ask.error.data?.fieldErrors ? Object.values(ask.error.data.fieldErrors).flat()[0] : t("askFailed", { message: ask.error.message })}
              {ask.error.data?.domainCode === "QUOTA_EXCEEDED" ? <> <SeePlansLink /></> : null}
            </p>
          ) : null}
          {canAsk ? (
            <QuestionForm
              value={draft}
              onChange={setDraft}
              pending={ask.isPending}
              onSubmit={(question) => ask.mutate({ question, conversationId: selectedId ?? undefined })}
            />
          ) : (
            <p className="text-sm text-slate-600 dark:text-slate-300">{t("cannotAsk")}</p>
          )}
        </Card>
      </div>
    </div>
  );
}
