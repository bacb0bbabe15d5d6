"use client";

import { useLocale, useTranslations } from "next-intl";
import { useCallback, useEffect, useRef, useState } from "react";
import { DOCUMENT_ACCEPT, documentKindOf, formatBytes } from "@/lib/documents";
import { Button } from "../ui/button";
import { cn } from "../ui/cn";
import { sendDocument } from "./upload-request";

type Upload = {
  key: string;
  name: string;
  size: number;
  loaded: number;
  state: "uploading" | "done" | "error" | "canceled";
  error: string | null;
  abort: (() => void) | null;
};

let nextKey = 0;

/**
 * Drag-and-drop (or choose) documents; each file gets its own progress bar. The
 * same checks as the server run first (type, empty, size), with the same wording,
 * so a file that would be refused is not sent at all.
 */
export function UploadZone({ teamId, maxBytes, onUploaded }: { teamId: string; maxBytes: number; onUploaded(): void }) {
  const t = useTranslations("documents");
  const locale = useLocale();
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [dragging, setDragging] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const active = useRef(new Set<() => void>());

  useEffect(() => {
    const running = active.current;
    return () => {
      for (const abort of running) abort();
    };
  }, []);

  const update = useCallback((key: string, patch: Partial<Upload>) => {
    setUploads((current) => current.map((upload) => (upload.key === key ? { ...upload, ...patch } : upload)));
  }, []);

  const precheck = useCallback(
    (file: File): string | null => {
      if (!documentKindOf(file.name)) return t("errors.type");
      if (file.size === 0) return t("errors.empty");
      if (file.size > maxBytes) return t("errors.tooLarge", { limit: formatBytes(maxBytes) });
      return null;
    },
    [maxBytes, t],
  );

  const start = useCallback(
    (files: File[]) => {
      for (const file of files) {
        const key = `upload-${nextKey++}`;
        const problem = precheck(file);
        const upload: Upload = { key, name: file.name, size: file.size, loaded: 0, state: problem ? "error" : "uploading", error: problem, abort: null };
        if (problem) {
          setUploads((current) => [upload, ...current]);
          continue;
        }
        const handle = sendDocument(file, {
          teamId,
          locale,
          onProgress: (loaded) => update(key, { loaded }),
        });
        active.current.add(handle.abort);
        setUploads((current) => [{ ...upload, abort: handle.abort }, ...current]);
        void handle.promise.then((outcome) => {
          active.current.delete(handle.abort);
          if (outcome.ok) {
            update(key, { state: "done", loaded: file.size, abort: null });
            onUploaded();
          } else if (outcome.reason === "aborted") {
            update(key, { state: "canceled", abort: null });
          } else {
            const message =
              outcome.reason === "network"
                ? t("errors.network")
                : (outcome.message ?? (outcome.status === 413 ? t("errors.tooLarge", { limit: formatBytes(maxBytes) }) : t("errors.server")));
            update(key, { state: "error", error: message, abort: null });
          }
        });
      }
    },
    [locale, maxBytes, onUploaded, precheck, t, teamId, update],
  );

  return (
    <section aria-labelledby="upload-heading" className="space-y-3">
      <h2 id="upload-heading" className="sr-only">
        {t("uploadHeading")}
      </h2>
      <div
        data-testid="upload-dropzone"
        onDragEnter={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragOver={(event) => {
          event.preventDefault();
          event.dataTransfer.dropEffect = "copy";
        }}
        onDragLeave={(event) => {
          if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false);
        }}
        onDrop={(event) => {
          event.preventDefault();
          setDragging(false);
          start(Array.from(event.dataTransfer.files));
        }}
        className={cn(
          "flex flex-col items-center justify-center gap-3 rounded-lg border-2 border-dashed px-6 py-10 text-center transition-colors",
          dragging
            ? "border-brand-500 bg-brand-50 dark:bg-slate-800"
            : "border-slate-300 bg-white dark:border-slate-600 dark:bg-slate-900",
        )}
      >
        <p className="font-medium">{dragging ? t("dropActive") : t("dropTitle")}</p>
        <p className="text-sm text-slate-600 dark:text-slate-300">{t("dropHint", { limit: formatBytes(maxBytes) })}</p>
        <label htmlFor="document-file-input" className="sr-only">
          {t("chooseFiles")}
        </label>
        <input
          ref={inputRef}
          id="document-file-input"
          type="file"
          multiple
          accept={DOCUMENT_ACCEPT}
          className="sr-only"
          tabIndex={-1}
          onChange={(event) => {
            start(Array.from(event.target.files ?? []));
            event.target.value = "";
          }}
        />
        <Button variant="secondary" onClick={() => inputRef.current?.click()}>
          {t("chooseFiles")}
        </Button>
      </div>

      {uploads.length > 0 ? (
        <ul className="space-y-2" aria-label={t("uploads")}>
          {uploads.map((upload) => {
            const percent = upload.size > 0 ? Math.min(100, Math.round((upload.loaded / upload.size) * 100)) : 0;
            return (
              <li
                key={upload.key}
                data-testid="upload-item"
                className="rounded-md border border-slate-200 bg-white px-4 py-3 text-sm dark:border-slate-700 dark:bg-slate-900"
              >
                <div className="flex items-center justify-between gap-3">
                  <span className="truncate font-medium">{upload.name}</span>
                  <span className="shrink-0 text-slate-600 dark:text-slate-300">
                    {upload.state === "uploading"
                      ? `${percent}%`
                      : upload.state === "done"
                        ? t("uploaded")
                        : upload.state === "canceled"
                          ? t("canceled")
                          : null}
                  </span>
                </div>
                {upload.state === "uploading" || upload.state === "done" ? (
                  <div
                    role="progressbar"
                    aria-label={t("uploading", { name: upload.name })}
                    aria-valuemin={0}
                    aria-valuemax={100}
                    aria-valuenow={upload.state === "done" ? 100 : percent}
                    className="mt-2 h-2 overflow-hidden rounded bg-slate-100 dark:bg-slate-800"
                  >
                    <div
                      className={cn("h-full transition-[width]", upload.state === "done" ? "bg-emerald-500" : "bg-brand-600")}
                      style={{ width: `${upload.state === "done" ? 100 : percent}%` }}
                    />
                  </div>
                ) : null}
                {upload.error ? (
                  <p role="alert" className="mt-2 text-red-600">
                    {upload.error}
                  </p>
                ) : null}
                <div className="mt-2 flex justify-end gap-2">
                  {upload.state === "uploading" && upload.abort ? (
                    <Button variant="ghost" onClick={upload.abort}>
                      {t("cancel")}
                    </Button>
                  ) : (
                    <Button variant="ghost" onClick={() => setUploads((current) => current.filter((u) => u.key !== upload.key))}>
                      {t("dismiss")}
                    </Button>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      ) : null}
    </section>
  );
}
