import { listUserTeams } from "@/server/services/team/team-access";
import type { SessionUser } from "../../trpc";

export function listMyTeams({ ctx }: { ctx: { user: SessionUser } }) {
  return listUserTeams(ctx.user.id);
}
