"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { auth, updateSession } from "@/server/auth";
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
