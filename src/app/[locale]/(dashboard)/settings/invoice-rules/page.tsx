import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { InvoiceRulesEditor } from "@/components/invoices/invoice-rules-editor";
import { Card } from "@/components/ui/card";
import { HydrateClient, serverApi } from "@/trpc/server";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("invoices.rules");
  return { title: t("title") };
}

/** The team's invoice SOP: admins edit it, managers read it, staff do not see it. */
export default async function InvoiceRulesPage() {
  const [current, t] = await Promise.all([serverApi.team.current(), getTranslations("invoices.rules")]);
  if (!current.permissions.includes("invoice:read")) {
    return <Card className="text-sm text-slate-600 dark:text-slate-300">{t("noAccess")}</Card>;
  }
  await serverApi.invoiceRules.get.prefetch();
  return (
    <HydrateClient>
      <div className="space-y-4">
        <h2 className="text-lg font-semibold">{t("title")}</h2>
        <InvoiceRulesEditor canEdit={current.permissions.includes("invoice:configure")} />
      </div>
    </HydrateClient>
  );
}
