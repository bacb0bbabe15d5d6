"use client";

import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import type { RouterOutputs } from "@/trpc/react";
import { cn } from "../ui/cn";

export type CitationView = RouterOutputs["chat"]["getConversation"]["messages"][number]["citations"][number];

/** The stored file; PDF viewers that open it jump to the cited page. */
export function citationHref(citation: Pick<CitationView, "documentId" | "documentName" | "page">): string {
  const base = `/api/documents/${encodeURIComponent(citation.documentId)}/file`;
  return citation.page !== null && citation.documentName.toLowerCase().endsWith(".pdf") ? `${base}#page=${citation.page}` : base;
}

function CitationChip({ citation }: { citation: CitationView }) {
  const t = useTranslations("chat");
  const [open, setOpen] = useState(false);
  const excerptId = useId();
  const label = citation.page !== null ? t("citationPage", { name: citation.documentName, page: citation.page }) : t("citation", { name: citation.documentName });
  return (
    <li className="max-w-full" data-testid="citation" data-document-name={citation.documentName}>
      <span className="inline-flex max-w-full items-center overflow-hidden rounded-full border border-brand-100 bg-brand-50 text-xs text-brand-700 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100">
        <a
          href={citationHref(citation)}
          className="truncate px-2.5 py-1 font-medium hover:underline"
          aria-label={t("openDocument", { name: citation.documentName })}
          title={citation.section ? `${label} · ${citation.section}` : label}
        >
          {label}
          {citation.section ? <span className="font-normal text-slate-600 dark:text-slate-300"> · {citation.section}</span> : null}
        </a>
        <button
          type="button"
          className="border-l border-brand-100 px-2 py-1 hover:bg-brand-100 dark:border-slate-600 dark:hover:bg-slate-700"
          aria-expanded={open}
          aria-controls={excerptId}
          aria-label={open ? t("hideExcerpt", { name: citation.documentName }) : t("showExcerpt", { name: citation.documentName })}
          onClick={() => setOpen((value) => !value)}
        >
          <span aria-hidden className={cn("inline-block transition-transform", open && "rotate-180")}>
            ▾
          </span>
        </button>
      </span>
      {open ? (
        <blockquote
          id={excerptId}
          className="mt-2 whitespace-pre-wrap border-l-2 border-brand-500 pl-3 text-xs text-slate-700 dark:text-slate-300"
        >
          {citation.excerpt}
        </blockquote>
      ) : null}
    </li>
  );
}

/** The passages an answer is based on: a chip per chunk, each opening the document, each expandable to its excerpt. */
export function CitationChips({ citations }: { citations: CitationView[] }) {
  const t = useTranslations("chat");
  if (citations.length === 0) return null;
  return (
    <div className="mt-3 space-y-1">
      <p className="text-xs font-medium uppercase tracking-wide text-slate-500">{t("sources")}</p>
      <ul className="flex flex-wrap gap-2">
        {citations.map((citation) => (
          <CitationChip key={citation.chunkId} citation={citation} />
        ))}
      </ul>
    </div>
  );
}
