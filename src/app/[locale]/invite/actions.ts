"use server";

import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { redirect } from "@/i18n/navigation";
import { auth, updateSession } from "@/server/auth";
import { DomainError } from "@/server/errors";
import { acceptInvitation, findInvitationByToken } from "@/server/services/team/invitations";

export type AcceptState = { error?: string };

const ZToken = z.string().regex(/^[A-Za-z0-9_-]{20,100}$/);

/** The service's refusals, in the reader's language (it is looked up again only when accepting failed). */
async function refusal(error: DomainError, token: string): Promise<string> {
  const t = await getTranslations("invite.errors");
  if (error.code === "NOT_FOUND") return t("notFound");
  if (error.code !== "CONFLICT" && !(error.code === "BAD_REQUEST" && error.field === "email")) return error.message;
  const invitation = await findInvitationByToken(token);
  if (!invitation) return t("notFound");
  if (error.code === "BAD_REQUEST") return t("wrongEmail", { email: invitation.email });
  return invitation.state === "EXPIRED" ? t("expired") : t("usedOrRevoked");
}

export async function acceptInvitationAction(_prev: AcceptState, formData: FormData): Promise<AcceptState> {
  const [session, locale, t] = await Promise.all([auth(), getLocale(), getTranslations("invite.errors")]);
  const token = ZToken.safeParse(formData.get("token"));
  if (!token.success) return { error: t("invalidLink") };
  if (!session?.user?.id || !session.user.email) return redirect({ href: `/sign-in?callbackUrl=${encodeURIComponent(`/${locale}/invite/${token.data}`)}`, locale });
  try {
    await acceptInvitation(token.data, { id: session.user.id, email: session.user.email });
  } catch (error) {
    if (error instanceof DomainError) return { error: await refusal(error, token.data) };
    throw error;
  }
  await updateSession({});
  return redirect({ href: "/dashboard", locale });
}
