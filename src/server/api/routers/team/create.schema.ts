import { z } from "zod";
import { ZRegionId } from "@/server/services/team/region.schema";

export const ZTeamName = z
  .string({ error: "Enter a team name." })
  .trim()
  .min(2, "Use at least 2 characters.")
  .max(80, "Use at most 80 characters.");

export const ZCreateTeamInput = z.object({ name: ZTeamName, region: ZRegionId.optional() });
export type CreateTeamInput = z.infer<typeof ZCreateTeamInput>;
