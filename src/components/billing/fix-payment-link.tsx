import { getTranslations } from "next-intl/server";
import { Link } from "@/i18n/navigation";

/** On the soft-lock banner: where the owner fixes the payment that locked the team. */
export async function FixPaymentLink() {
  const t = await getTranslations("billing.lock");
  return (
    <Link href="/settings/billing" className="ml-2 font-semibold underline" data-testid="fix-payment">
      {t("fixPayment")}
    </Link>
  );
}
