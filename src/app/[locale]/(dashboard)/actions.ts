"use server";

import { revalidatePath } from "next/cache";
import { getLocale, getTranslations } from "next-intl/server";
import { redirect } from "@/i18n/navigation";
import { z } from "zod";
import { auth, updateSession } from "@/server/auth";
import { DomainError } from "@/server/errors";
import { parseLocale, translateMessage } from "@/server/i18n/translate";
import { ZCreateTeamInput } from "@/server/api/routers/team/create.schema";
import { createTeamForUser } from "@/server/services/team/create-team";
import { setActiveTeam } from "@/server/services/team/team-access";

const ZSwitchTeam = z.object({ teamId: z.string().min(1).max(64) });

export async function switchTeamAction(formData: FormData): Promise<void> {
  const session = await auth();
  if (!session?.user?.id) return;
  const parsed = ZSwitchTeam.safeParse({ teamId: formData.get("teamId") });
  if (!parsed.success) return;
  // Membership is checked before anything changes; the session then re-reads it.
  if (!(await setActiveTeam(session.user.id, parsed.data.teamId))) return;
  await updateSession({});
  revalidatePath("/", "layout");
}

export type CreateTeamState = { error?: string; name?: string; region?: string; regionError?: string };

export async function createTeamAction(_prev: CreateTeamState, formData: FormData): Promise<CreateTeamState> {
  const [session, locale, t] = await Promise.all([auth(), getLocale(), getTranslations("shell")]);
  if (!session?.user?.id) return redirect({ href: "/sign-in", locale });
  const name = typeof formData.get("name") === "string" ? String(formData.get("name")) : "";
  const region = typeof formData.get("region") === "string" ? String(formData.get("region")) : "";
  const parsed = ZCreateTeamInput.safeParse({ name, region: region || undefined });
  if (!parsed.success) {
    const issues = parsed.error.issues;
    const regionIssue = issues.find((issue) => issue.path[0] === "region");
    return {
      error: issues.some((issue) => issue.path[0] === "name") ? t("teamNameInvalid") : undefined,
      regionError: regionIssue ? translateMessage(parseLocale(locale), regionIssue.message) : undefined,
      name,
      region,
    };
  }
  try {
    await createTeamForUser(session.user.id, parsed.data.name, parsed.data.region);
  } catch (error) {
    if (error instanceof DomainError) {
      const message = translateMessage(parseLocale(locale), error.template.template, error.template.values);
      return error.field === "region" ? { regionError: message, name, region } : { error: message, name, region };
    }
    throw error;
  }
  await updateSession({});
  revalidatePath("/", "layout");
  return redirect({ href: "/dashboard", locale });
}
