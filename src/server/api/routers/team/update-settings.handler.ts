import { updateTeamSettings } from "@/server/services/team/update-settings";
import type { TeamContext } from "../../trpc";
import type { UpdateTeamSettingsInput } from "./update-settings.schema";

export function updateSettings({ ctx, input }: { ctx: TeamContext; input: UpdateTeamSettingsInput }) {
  return updateTeamSettings(ctx.team.id, input);
}
