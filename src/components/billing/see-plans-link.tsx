import { useTranslations } from "next-intl";
import { Link } from "@/i18n/navigation";

/** The upsell shown beside an "AI allowance used up" message. */
export function SeePlansLink({ className }: { className?: string }) {
  const t = useTranslations("billing.upsell");
  return (
    <Link href="/settings/billing" className={className ?? "font-medium underline"} data-testid="see-plans">
      {t("seePlans")}
    </Link>
  );
}
