import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { IntentStep, InviteStep, ProfileStep } from "@/components/onboarding/onboarding-steps";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ONBOARDING_STEPS, stepIndex } from "@/lib/onboarding";
import { auth } from "@/server/auth";
import { onboardingState } from "@/server/services/account/onboarding";
import { skipAction } from "./actions";

export const metadata: Metadata = { title: "Welcome" };
export const dynamic = "force-dynamic";

const TITLES = { profile: "Your profile", invite: "Invite your team", intent: "What brings you here?" } as const;

export default async function OnboardingPage() {
  const session = await auth();
  if (!session?.user?.id) redirect("/sign-in?callbackUrl=%2Fonboarding");
  const state = await onboardingState(session.user.id);
  if (state.status === "done") redirect("/dashboard");
  const steps = ONBOARDING_STEPS.filter((s) => s !== "invite" || state.canInvite);
  const current = steps.indexOf(state.step) + 1;
  const percent = Math.round(((current - 1) / steps.length) * 100);
  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-12">
      <Card className="w-full max-w-xl space-y-5">
        <div>
          <p className="text-sm text-slate-500">
            Step {current} of {steps.length}
          </p>
          <div
            role="progressbar"
            aria-label="Onboarding progress"
            aria-valuenow={percent}
            aria-valuemin={0}
            aria-valuemax={100}
            className="mt-2 h-2 overflow-hidden rounded-full bg-slate-100 dark:bg-slate-800"
          >
            <div className="h-full bg-brand-600 transition-all" style={{ width: `${Math.max(percent, 4)}%` }} />
          </div>
        </div>
        <h1 className="text-xl font-semibold" data-testid="onboarding-step" data-step={state.step} data-index={stepIndex(state.step)}>
          {TITLES[state.step]}
        </h1>
        {state.step === "profile" ? <ProfileStep name={state.name} /> : null}
        {state.step === "invite" ? <InviteStep /> : null}
        {state.step === "intent" ? <IntentStep /> : null}
        <form action={skipAction} className="border-t border-slate-100 pt-4 dark:border-slate-800">
          <Button type="submit" variant="ghost">
            Skip for now
          </Button>
        </form>
      </Card>
    </main>
  );
}
