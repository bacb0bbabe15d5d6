import { getBaseDb } from "../../db/client";
import { NotFoundError } from "../../errors";
import { invalidateTeamTimezone } from "../invoices/team-today";
import { invalidateTeamAccess } from "./team-access";

/** Team-wide settings kept on the Team row (control plane). */
export async function updateTeamSettings(teamId: string, settings: { timezone: string }): Promise<{ timezone: string }> {
  const { count } = await getBaseDb().team.updateMany({ where: { id: teamId }, data: { timezone: settings.timezone } });
  if (count === 0) throw new NotFoundError("Team");
  invalidateTeamAccess(teamId);
  invalidateTeamTimezone(teamId);
  return { timezone: settings.timezone };
}
