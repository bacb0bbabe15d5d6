"use client";

import { useTranslations } from "next-intl";
import { Button } from "../ui/button";

/** The browser's print dialog, where "Save as PDF" is one of the printers: no PDF service involved. */
export function PrintButton() {
  const t = useTranslations("invoices.print");
  return (
    <Button className="print:hidden" onClick={() => window.print()}>
      {t("button")}
    </Button>
  );
}
