import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { InvoiceList } from "@/components/invoices/invoice-list";
import { HydrateClient, serverApi } from "@/trpc/server";
import { InvoicesNoAccess } from "@/components/invoices/invoices-no-access";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("invoices");
  return { title: t("title") };
}

export default async function InvoicesPage() {
  const current = await serverApi.team.current();
  if (!current.permissions.includes("invoice:read")) return <InvoicesNoAccess />;
  // Awaited: the list renders with its data on the server and in the browser alike
  // (a query still pending at render would hydrate differently). The input is the
  // list's without filters (see listInput in the list component).
  await Promise.all([serverApi.invoice.list.prefetchInfinite({ limit: 50 }), serverApi.customer.list.prefetch({ limit: 200 })]);
  return (
    <HydrateClient>
      <InvoiceList permissions={current.permissions} />
    </HydrateClient>
  );
}
