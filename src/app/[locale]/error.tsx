"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";

/** Any page that fails to render shows this, with a retry and the reference to quote. */
export default function ErrorBoundary({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("common");
  return (
    <div role="alert" className="mx-auto max-w-lg space-y-3 px-4 py-16 text-center">
      <h1 className="text-xl font-semibold">{t("somethingWrong")}</h1>
      <p className="text-sm text-slate-600 dark:text-slate-300">{t("errorHelp")}</p>
      {error.digest ? <p className="font-mono text-xs text-slate-500">{t("reference", { digest: error.digest })}</p> : null}
      <Button onClick={reset}>{t("retry")}</Button>
    </div>
  );
}
