import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { InvoiceEditor } from "@/components/invoices/invoice-editor";
import { HydrateClient, serverApi } from "@/trpc/server";
import { InvoicesNoAccess } from "@/components/invoices/invoices-no-access";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("invoices");
  return { title: t("invoiceTitle") };
}

export default async function InvoicePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const current = await serverApi.team.current();
  if (!current.permissions.includes("invoice:read")) return <InvoicesNoAccess />;
  const exists = await serverApi.invoice.get({ id }).then(
    () => true,
    () => false,
  );
  if (!exists) notFound();
  await Promise.all([
    serverApi.invoice.get.prefetch({ id }),
    serverApi.customer.list.prefetch({ limit: 200 }),
    serverApi.invoiceRules.get.prefetch(),
  ]);
  return (
    <HydrateClient>
      <InvoiceEditor id={id} permissions={current.permissions} />
    </HydrateClient>
  );
}
