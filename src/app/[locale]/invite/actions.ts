"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { auth, updateSession } from "@/server/auth";
import { DomainError } from "@/server/errors";
import { acceptInvitation } from "@/server/services/team/invitations";

export type AcceptState = { error?: string };

const ZToken = z.string().regex(/^[A-Za-z0-9_-]{20,100}$/);

export async function acceptInvitationAction(_prev: AcceptState, formData: FormData): Promise<AcceptState> {
  const session = await auth();
  const token = ZToken.safeParse(formData.get("token"));
  if (!token.success) return { error: "This invitation link is not valid." };
  if (!session?.user?.id || !session.user.email) redirect(`/sign-in?callbackUrl=${encodeURIComponent(`/invite/${token.data}`)}`);
  try {
    await acceptInvitation(token.data, { id: session.user.id, email: session.user.email });
  } catch (error) {
    if (error instanceof DomainError) return { error: error.message };
    throw error;
  }
  await updateSession({});
  redirect("/dashboard");
}
