"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { isIntent } from "@/lib/onboarding";
import { auth } from "@/server/auth";
import { ZEmail } from "@/server/services/account/sign-up.schema";
import { chooseIntent, inviteDuringOnboarding, onboardingState, saveProfile, skipOnboarding } from "@/server/services/account/onboarding";

export type StepState = { error?: string };

async function userId(): Promise<string> {
  const session = await auth();
  if (!session?.user?.id) redirect("/sign-in?callbackUrl=%2Fonboarding");
  return session.user.id;
}

const ZName = z.string().trim().min(1, "Enter your name.").max(100, "Use at most 100 characters.");

export async function saveProfileAction(_prev: StepState, formData: FormData): Promise<StepState> {
  const id = await userId();
  const name = ZName.safeParse(formData.get("name"));
  if (!name.success) return { error: name.error.issues[0]?.message };
  await saveProfile(id, name.data);
  redirect("/onboarding");
}

export async function inviteAction(_prev: StepState, formData: FormData): Promise<StepState> {
  const id = await userId();
  const state = await onboardingState(id);
  if (state.status === "done") redirect("/dashboard");
  const raw = String(formData.get("emails") ?? "")
    .split(/[\s,;]+/)
    .map((e) => e.trim())
    .filter(Boolean);
  if (raw.length > 10) return { error: "Invite at most 10 people here; more from the team settings later." };
  const emails: string[] = [];
  for (const entry of raw) {
    const parsed = ZEmail.safeParse(entry);
    if (!parsed.success) return { error: `“${entry.slice(0, 60)}” is not a valid email address.` };
    emails.push(parsed.data);
  }
  await inviteDuringOnboarding(id, state.teamId, emails);
  redirect("/onboarding");
}

export async function intentAction(_prev: StepState, formData: FormData): Promise<StepState> {
  const id = await userId();
  const intent = formData.get("intent");
  if (!isIntent(intent)) return { error: "Choose what brings you here." };
  const state = await onboardingState(id);
  if (state.status === "done") redirect("/dashboard");
  const { sampleProjectId } = await chooseIntent(id, state.teamId, intent);
  redirect(sampleProjectId ? `/projects/${sampleProjectId}` : "/dashboard");
}

export async function skipAction(): Promise<void> {
  await skipOnboarding(await userId());
  redirect("/dashboard");
}
