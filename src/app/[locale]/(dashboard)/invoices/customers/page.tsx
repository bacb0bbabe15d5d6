import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { CustomersView } from "@/components/invoices/customers-view";
import { HydrateClient, serverApi } from "@/trpc/server";
import { InvoicesNoAccess } from "@/components/invoices/invoices-no-access";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("invoices.customers");
  return { title: t("title") };
}

export default async function CustomersPage() {
  const current = await serverApi.team.current();
  if (!current.permissions.includes("invoice:read")) return <InvoicesNoAccess />;
  await serverApi.customer.list.prefetch({ limit: 200 });
  return (
    <HydrateClient>
      <CustomersView permissions={current.permissions} />
    </HydrateClient>
  );
}
