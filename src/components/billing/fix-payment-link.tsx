import { getTranslations } from "next-intl/server";
import { Link } from "@/i18n/navigation";

/**
 * On the soft-lock banner: where the owner fixes the payment that locked the
 * team. Members who cannot manage billing are told whom to ask instead of being
 * sent to a page they cannot act on.
 */
export async function FixPaymentLink({ canManageBilling }: { canManageBilling: boolean }) {
  const t = await getTranslations("billing.lock");
  if (!canManageBilling) return <span className="ml-2">{t("askOwner")}</span>;
  return (
    <Link href="/settings/billing" className="ml-2 font-semibold underline" data-testid="fix-payment">
      {t("fixPayment")}
    </Link>
  );
}
