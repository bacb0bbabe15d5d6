import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { NewInvoice } from "@/components/invoices/invoice-editor";
import { teamToday } from "@/server/services/invoices/team-today";
import { HydrateClient, serverApi } from "@/trpc/server";
import { InvoicesNoAccess } from "@/components/invoices/invoices-no-access";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("invoices");
  return { title: t("newTitle") };
}

export default async function NewInvoicePage() {
  const current = await serverApi.team.current();
  if (!current.permissions.includes("invoice:create")) return <InvoicesNoAccess />;
  // The team's local date, so a new invoice is dated the day it is where the team works.
  const [today] = await Promise.all([
    teamToday(current.team.id),
    serverApi.customer.list.prefetch({ limit: 200 }),
    serverApi.invoiceRules.get.prefetch(),
  ]);
  return (
    <HydrateClient>
      <NewInvoice today={today} />
    </HydrateClient>
  );
}
