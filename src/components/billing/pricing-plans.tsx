import { useTranslations } from "next-intl";
import { Link } from "@/i18n/navigation";
import { PLAN_IDS, PLANS } from "@/lib/plans";
import { PlanFeatures } from "./plan-features";

/** The plans as cards; "Start" leads to sign-up, or "Choose" to the team's billing settings when signed in. */
export function PricingPlans({ signedIn }: { signedIn: boolean }) {
  const t = useTranslations("billing.pricing");
  return (
    <ul className="mt-10 grid gap-4 md:grid-cols-3" data-testid="pricing-plans">
      {PLAN_IDS.map((planId) => {
        const plan = PLANS[planId];
        return (
          <li key={planId} className="flex flex-col gap-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm dark:border-slate-700 dark:bg-slate-900" data-testid={`pricing-${planId}`}>
            <h2 className="text-xl font-semibold">{plan.name}</h2>
            <div className="flex-1">
              <PlanFeatures plan={plan} />
            </div>
            <Link
              href={signedIn ? "/settings/billing" : "/sign-up"}
              className="rounded-md bg-brand-600 px-4 py-2.5 text-center text-sm font-medium text-white hover:bg-brand-700"
            >
              {signedIn ? t("choose", { plan: plan.name }) : t("start", { plan: plan.name })}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
