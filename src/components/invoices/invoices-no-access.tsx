import { getTranslations } from "next-intl/server";
import { Card } from "../ui/card";

/** Invoices are for owners, admins and managers; staff get this instead of the page. */
export async function InvoicesNoAccess() {
  const t = await getTranslations("invoices");
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <Card className="text-sm text-slate-600 dark:text-slate-300">{t("noAccess")}</Card>
    </div>
  );
}
