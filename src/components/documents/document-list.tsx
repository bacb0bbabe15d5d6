"use client";

import { useFormatter, useTranslations } from "next-intl";
import { formatBytes, isFinalDocumentStatus, type DocumentStatusName } from "@/lib/documents";
import { api, type RouterOutputs } from "@/trpc/react";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { LoadError, LoadingRows } from "../ui/list-state";
import { cn } from "../ui/cn";

type DocumentItem = RouterOutputs["document"]["list"]["items"][number];

const BADGE: Record<DocumentStatusName, string> = {
  QUEUED: "bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-200",
  PROCESSING: "bg-blue-100 text-blue-800 dark:bg-blue-950 dark:text-blue-200",
  READY: "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200",
  FAILED: "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-200",
};

/** While any document is still queued or processing. */
const POLL_MS = 1_500;

export function DocumentList({ canUpload, canDelete }: { canUpload: boolean; canDelete: boolean }) {
  const t = useTranslations("documents");
  const format = useFormatter();
  const utils = api.useUtils();
  const list = api.document.list.useQuery(
    { limit: 50 },
    { refetchInterval: (query) => (query.state.data?.items.some((d) => !isFinalDocumentStatus(d.status)) ? POLL_MS : false) },
  );
  const retry = api.document.retry.useMutation({ onSuccess: () => utils.document.list.invalidate() });
  const remove = api.document.delete.useMutation({ onSuccess: () => utils.document.list.invalidate() });
  const actionError = retry.error?.message ?? remove.error?.message;

  const statusLine = (document: DocumentItem): string | null => {
    if (document.status === "PROCESSING" && document.progress) {
      return t("progress", { done: document.progress.done, total: document.progress.total });
    }
    if (document.status === "READY") {
      const chunks = t("chunks", { count: document.chunkCount });
      return document.pageCount ? `${chunks} · ${t("pages", { count: document.pageCount })}` : chunks;
    }
    return null;
  };

  return (
    <section aria-labelledby="documents-list-heading" className="space-y-3">
      <h2 id="documents-list-heading" className="text-lg font-semibold">
        {t("listTitle")}
      </h2>
      {actionError ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {actionError}
        </p>
      ) : null}
      <Card className="p-0">
        {list.isPending ? (
          <LoadingRows label={t("loading")} className="space-y-2 p-6" />
        ) : list.isError ? (
          <LoadError className="p-6 text-sm" message={list.error.message} retryLabel={t("retryLoad")} onRetry={() => void list.refetch()} />
        ) : list.data.items.length === 0 ? (
          <p className="p-6 text-sm text-slate-600 dark:text-slate-300">{canUpload ? t("emptyCanUpload") : t("empty")}</p>
        ) : (
          <ul className="divide-y divide-slate-100 dark:divide-slate-800" data-testid="document-list">
            {list.data.items.map((document) => {
              const line = statusLine(document);
              return (
                <li
                  key={document.id}
                  data-testid="document-row"
                  data-document-name={document.name}
                  className="flex flex-wrap items-start justify-between gap-3 px-6 py-4"
                >
                  <div className="min-w-0 space-y-1">
                    <p className="truncate font-medium">
                      <a
                        href={`/api/documents/${encodeURIComponent(document.id)}/file`}
                        className="hover:underline"
                        aria-label={t("download", { name: document.name })}
                      >
                        {document.name}
                      </a>
                    </p>
                    <p className="text-xs text-slate-600 dark:text-slate-300">
                      {formatBytes(document.sizeBytes)} · {format.dateTime(document.createdAt, { dateStyle: "medium", timeStyle: "short" })}
                    </p>
                    <p className="flex flex-wrap items-center gap-2 text-sm">
                      <span
                        data-testid="document-status"
                        className={cn("inline-flex items-center rounded px-2 py-0.5 text-xs font-medium", BADGE[document.status])}
                      >
                        {t(`status.${document.status}`)}
                      </span>
                      {line ? <span className="text-slate-600 dark:text-slate-300">{line}</span> : null}
                    </p>
                    {document.status === "PROCESSING" && document.progress ? (
                      <div
                        role="progressbar"
                        aria-label={t("processing", { name: document.name })}
                        aria-valuemin={0}
                        aria-valuemax={document.progress.total}
                        aria-valuenow={document.progress.done}
                        className="h-1.5 w-48 overflow-hidden rounded bg-slate-100 dark:bg-slate-800"
                      >
                        <div
                          className="h-full bg-blue-500 transition-[width]"
                          style={{ width: `${Math.round((document.progress.done / document.progress.total) * 100)}%` }}
                        />
                      </div>
                    ) : null}
                    {document.status === "FAILED" && document.error ? (
                      <p className="text-sm text-red-700 dark:text-red-300">{t("failedReason", { reason: document.error })}</p>
                    ) : null}
                  </div>
                  <div className="flex gap-2">
                    {canUpload && document.status === "FAILED" ? (
                      <Button variant="secondary" disabled={retry.isPending} onClick={() => retry.mutate({ id: document.id })}>
                        {t("retry")}
                      </Button>
                    ) : null}
                    {canDelete ? (
                      <Button
                        variant="danger"
                        disabled={remove.isPending}
                        onClick={() => {
                          if (window.confirm(t("deleteConfirm", { name: document.name }))) remove.mutate({ id: document.id });
                        }}
                      >
                        {t("delete")}
                      </Button>
                    ) : null}
                  </div>
                </li>
              );
            })}
          </ul>
        )}
      </Card>
    </section>
  );
}
