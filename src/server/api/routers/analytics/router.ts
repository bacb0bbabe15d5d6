import { createTRPCRouter, permissionProcedure, superadminProcedure } from "../../trpc";
import { getPlatformAnalytics } from "./platform.handler";
import { ZPlatformAnalyticsInput } from "./platform.schema";
import { getTeamAnalytics } from "./team.handler";
import { ZTeamAnalyticsInput } from "./team.schema";

export const analyticsRouter = createTRPCRouter({
  /** The active team's own numbers; team owners only. */
  team: permissionProcedure("analytics:read").input(ZTeamAnalyticsInput).query(getTeamAnalytics),
  /** Every team's numbers; platform operators only. */
  platform: superadminProcedure.input(ZPlatformAnalyticsInput).query(getPlatformAnalytics),
});
