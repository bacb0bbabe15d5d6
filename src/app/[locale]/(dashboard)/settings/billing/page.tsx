import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { BillingView, type CheckoutReturn } from "@/components/billing/billing-view";
import { HydrateClient, serverApi } from "@/trpc/server";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("billing.page");
  return { title: t("title") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/**
 * The team's billing (OWNER and ADMIN read, the OWNER acts). `?portal=local` opens
 * the local stand-in for Stripe's portal; `?checkout=…` is where Stripe Checkout
 * sends the customer back.
 */
export default async function BillingSettingsPage({ searchParams }: { searchParams: SearchParams }) {
  const [current, params, t] = await Promise.all([serverApi.team.current(), searchParams, getTranslations("billing.page")]);
  const canRead = current.permissions.includes("billing:read");
  if (canRead) await Promise.all([serverApi.billing.overview.prefetch(), serverApi.billing.listInvoices.prefetchInfinite({ limit: 20 })]);
  const checkout: CheckoutReturn = params.checkout === "success" ? "success" : params.checkout === "cancelled" ? "cancelled" : null;
  return (
    <HydrateClient>
      <div className="space-y-4">
        <h2 className="text-lg font-semibold">{t("title")}</h2>
        <BillingView canRead={canRead} portal={params.portal === "local"} checkout={checkout} />
      </div>
    </HydrateClient>
  );
}
