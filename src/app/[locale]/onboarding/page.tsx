import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { IntentStep, InviteStep, ProfileStep } from "@/components/onboarding/onboarding-steps";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { redirect } from "@/i18n/navigation";
import { ONBOARDING_STEPS, stepIndex } from "@/lib/onboarding";
import { auth } from "@/server/auth";
import { onboardingState } from "@/server/services/account/onboarding";
import { skipAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("onboarding");
  return { title: t("title") };
}

export const dynamic = "force-dynamic";

export default async function OnboardingPage() {
  const [session, locale, t] = await Promise.all([auth(), getLocale(), getTranslations("onboarding")]);
  if (!session?.user?.id) return redirect({ href: `/sign-in?callbackUrl=${encodeURIComponent(`/${locale}/onboarding`)}`, locale });
  const state = await onboardingState(session.user.id);
  if (state.status === "done") return redirect({ href: "/dashboard", locale });
  const steps = ONBOARDING_STEPS.filter((s) => s !== "invite" || state.canInvite);
  const current = steps.indexOf(state.step) + 1;
  const percent = Math.round(((current - 1) / steps.length) * 100);
  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-12">
      <Card className="w-full max-w-xl space-y-5">
        <div>
          <p className="text-sm text-slate-500">{t("stepOf", { current, total: steps.length })}</p>
          <div
            role="progressbar"
            aria-label={t("progress")}
            aria-valuenow={percent}
            aria-valuemin={0}
            aria-valuemax={100}
            className="mt-2 h-2 overflow-hidden rounded-full bg-slate-100 dark:bg-slate-800"
          >
            <div className="h-full bg-brand-600 transition-all" style={{ width: `${Math.max(percent, 4)}%` }} />
          </div>
        </div>
        <h1 className="text-xl font-semibold" data-testid="onboarding-step" data-step={state.step} data-index={stepIndex(state.step)}>
          {t(`steps.${state.step}`)}
        </h1>
        {state.step === "profile" ? <ProfileStep name={state.name} /> : null}
        {state.step === "invite" ? <InviteStep /> : null}
        {state.step === "intent" ? <IntentStep /> : null}
        <form action={skipAction} className="border-t border-slate-100 pt-4 dark:border-slate-800">
          <Button type="submit" variant="ghost">
            {t("skip")}
          </Button>
        </form>
      </Card>
    </main>
  );
}
