"use server";

import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { redirect } from "@/i18n/navigation";
import type { Locale } from "@/i18n/routing";
import { isIntent } from "@/lib/onboarding";
import { auth } from "@/server/auth";
import { ZEmail } from "@/server/services/account/sign-up.schema";
import { chooseIntent, inviteDuringOnboarding, onboardingState, saveProfile, skipOnboarding } from "@/server/services/account/onboarding";

export type StepState = { error?: string };

async function userId(locale: Locale): Promise<string> {
  const session = await auth();
  if (!session?.user?.id) return redirect({ href: `/sign-in?callbackUrl=${encodeURIComponent(`/${locale}/onboarding`)}`, locale });
  return session.user.id;
}

export async function saveProfileAction(_prev: StepState, formData: FormData): Promise<StepState> {
  const [locale, t] = await Promise.all([getLocale(), getTranslations("onboarding.errors")]);
  const id = await userId(locale);
  const ZName = z.string().trim().min(1, t("nameRequired")).max(100, t("nameTooLong"));
  const name = ZName.safeParse(formData.get("name"));
  if (!name.success) return { error: name.error.issues[0]?.message };
  await saveProfile(id, name.data);
  return redirect({ href: "/onboarding", locale });
}

export async function inviteAction(_prev: StepState, formData: FormData): Promise<StepState> {
  const [locale, t] = await Promise.all([getLocale(), getTranslations("onboarding.errors")]);
  const id = await userId(locale);
  const state = await onboardingState(id);
  if (state.status === "done") return redirect({ href: "/dashboard", locale });
  // Invitations go out once, from the invite step; afterwards from the team settings.
  if (state.step !== "invite") return redirect({ href: "/onboarding", locale });
  const raw = String(formData.get("emails") ?? "")
    .split(/[\s,;]+/)
    .map((e) => e.trim())
    .filter(Boolean);
  if (raw.length > 10) return { error: t("tooManyInvites") };
  const emails: string[] = [];
  for (const entry of raw) {
    const parsed = ZEmail.safeParse(entry);
    if (!parsed.success) return { error: t("invalidEmail", { entry: entry.slice(0, 60) }) };
    emails.push(parsed.data);
  }
  await inviteDuringOnboarding(id, state.teamId, emails);
  return redirect({ href: "/onboarding", locale });
}

export async function intentAction(_prev: StepState, formData: FormData): Promise<StepState> {
  const [locale, t] = await Promise.all([getLocale(), getTranslations("onboarding.errors")]);
  const id = await userId(locale);
  const intent = formData.get("intent");
  if (!isIntent(intent)) return { error: t("chooseIntent") };
  const state = await onboardingState(id);
  if (state.status === "done") return redirect({ href: "/dashboard", locale });
  const { sampleProjectId } = await chooseIntent(id, state.teamId, intent);
  return redirect({ href: sampleProjectId ? `/projects/${sampleProjectId}` : "/dashboard", locale });
}

export async function skipAction(): Promise<void> {
  const locale = await getLocale();
  await skipOnboarding(await userId(locale));
  redirect({ href: "/dashboard", locale });
}
