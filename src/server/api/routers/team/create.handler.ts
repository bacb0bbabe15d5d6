import { createTeamForUser } from "@/server/services/team/create-team";
import type { SessionUser } from "../../trpc";
import type { CreateTeamInput } from "./create.schema";

export function createTeam({ ctx, input }: { ctx: { user: SessionUser }; input: CreateTeamInput }) {
  return createTeamForUser(ctx.user.id, input.name, input.region);
}
