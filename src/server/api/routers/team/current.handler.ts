import { permissionsOf } from "@/lib/permissions";
import type { TeamContext } from "../../trpc";

export function currentTeam({ ctx }: { ctx: TeamContext }) {
  return { team: ctx.team, role: ctx.role, permissions: permissionsOf(ctx.role) };
}
