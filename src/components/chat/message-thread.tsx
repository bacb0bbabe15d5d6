"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef } from "react";
import type { RouterOutputs } from "@/trpc/react";
import { cn } from "../ui/cn";
import { Markdown } from "../ui/markdown";
import { CitationChips } from "./citation-chips";

export type MessageView = RouterOutputs["chat"]["getConversation"]["messages"][number];

function Message({ message }: { message: MessageView }) {
  const t = useTranslations("chat");
  if (message.role === "user") {
    return (
      <li className="flex justify-end" data-testid="chat-message" data-role="user">
        <div className="max-w-[85%] rounded-lg bg-brand-600 px-4 py-2 text-sm whitespace-pre-wrap text-white">
          <span className="sr-only">{t("you")}: </span>
          {message.content}
        </div>
      </li>
    );
  }
  const notFound = message.grounded === false;
  return (
    <li className="flex justify-start" data-testid="chat-message" data-role="assistant" data-grounded={String(!notFound)}>
      <div
        className={cn(
          "max-w-[85%] rounded-lg border px-4 py-3",
          notFound
            ? "border-dashed border-amber-300 bg-amber-50 text-amber-950 dark:border-amber-700 dark:bg-amber-950/40 dark:text-amber-100"
            : "border-slate-200 bg-white dark:border-slate-700 dark:bg-slate-900",
        )}
      >
        <span className="sr-only">{t("assistant")}: </span>
        {notFound ? (
          <>
            <span className="mb-1 inline-block rounded bg-amber-200/70 px-1.5 py-0.5 text-xs font-medium dark:bg-amber-800/60" data-testid="answer-not-found">
              {t("notFound")}
            </span>
            <p className="text-sm">{message.content}</p>
          </>
        ) : (
          <Markdown>{message.content}</Markdown>
        )}
        <CitationChips citations={message.citations} />
      </div>
    </li>
  );
}

/** The conversation, oldest first, plus the question being answered right now. */
export function MessageThread({ messages, pendingQuestion }: { messages: MessageView[]; pendingQuestion: string | null }) {
  const t = useTranslations("chat");
  const end = useRef<HTMLDivElement>(null);
  useEffect(() => {
    end.current?.scrollIntoView({ block: "end" });
  }, [messages.length, pendingQuestion]);
  return (
    <div className="space-y-4">
      <ol className="space-y-4" aria-label={t("conversations")} data-testid="chat-thread">
        {messages.map((message) => (
          <Message key={message.id} message={message} />
        ))}
        {pendingQuestion !== null ? (
          <>
            <li className="flex justify-end" data-role="user">
              <div className="max-w-[85%] rounded-lg bg-brand-600/80 px-4 py-2 text-sm whitespace-pre-wrap text-white">{pendingQuestion}</div>
            </li>
            <li className="flex justify-start" aria-live="polite">
              <div className="flex items-center gap-2 rounded-lg border border-slate-200 px-4 py-2 text-sm text-slate-600 dark:border-slate-700 dark:text-slate-300">
                <span className="inline-block h-2 w-2 animate-pulse rounded-full bg-brand-500" aria-hidden />
                {t("thinking")}
              </div>
            </li>
          </>
        ) : null}
      </ol>
      <div ref={end} />
    </div>
  );
}
