"use client";

import { useTranslations } from "next-intl";
import { useCallback } from "react";
import type { Permission } from "@/lib/permissions";
import { api } from "@/trpc/react";
import { DocumentList } from "./document-list";
import { UploadZone } from "./upload-zone";

export function DocumentsView({ permissions, teamId, maxBytes }: { permissions: Permission[]; teamId: string; maxBytes: number }) {
  const t = useTranslations("documents");
  const utils = api.useUtils();
  const canUpload = permissions.includes("document:create");
  const canDelete = permissions.includes("document:delete");
  const refresh = useCallback(() => void utils.document.list.invalidate(), [utils]);

  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="text-sm text-slate-600 dark:text-slate-300">{t("intro")}</p>
      </div>
      {canUpload ? (
        <UploadZone teamId={teamId} maxBytes={maxBytes} onUploaded={refresh} />
      ) : (
        <p className="text-sm text-slate-600 dark:text-slate-300">{t("readOnly")}</p>
      )}
      <DocumentList canUpload={canUpload} canDelete={canDelete} />
    </div>
  );
}
