"use client";

import { useTranslations } from "next-intl";
import { Button } from "../ui/button";
import { cn } from "../ui/cn";

/** Same limit as the server's (ask.schema.ts). */
export const MAX_QUESTION_CHARS = 2000;

export function QuestionForm({
  value,
  onChange,
  onSubmit,
  pending,
}: {
  value: string;
  onChange: (value: string) => void;
  onSubmit: (question: string) => void;
  pending: boolean;
}) {
  const t = useTranslations("chat");
  const tooLong = value.length > MAX_QUESTION_CHARS;
  const canSend = !pending && value.trim().length > 0 && !tooLong;
  const submit = () => {
    if (canSend) onSubmit(value.trim());
  };
  return (
    <form
      className="space-y-2"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <label htmlFor="chat-question" className="block text-sm font-medium text-slate-700 dark:text-slate-200">
        {t("questionLabel")}
      </label>
      <div className="flex items-end gap-2">
        <textarea
          id="chat-question"
          name="question"
          rows={2}
          value={value}
          placeholder={t("questionPlaceholder")}
          aria-invalid={tooLong ? true : undefined}
          aria-describedby="chat-question-hint"
          onChange={(event) => onChange(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
              event.preventDefault();
              submit();
            }
          }}
          className={cn(
            "block min-h-[2.75rem] w-full resize-y rounded-md border bg-white px-3 py-2 text-sm text-slate-900 shadow-sm outline-none focus:border-brand-500 focus:ring-2 focus:ring-brand-100 dark:bg-slate-900 dark:text-slate-100",
            tooLong ? "border-red-500" : "border-slate-300 dark:border-slate-600",
          )}
        />
        <Button type="submit" disabled={!canSend}>
          {pending ? t("sending") : t("send")}
        </Button>
      </div>
      <p id="chat-question-hint" className={cn("text-xs", tooLong ? "text-red-600" : "text-slate-500")}>
        {tooLong ? t("tooLong", { max: MAX_QUESTION_CHARS }) : t("questionHint", { count: value.length, max: MAX_QUESTION_CHARS })}
      </p>
    </form>
  );
}
