import { createTRPCRouter, permissionProcedure, teamProcedure } from "../../trpc";
import { getAiStatus } from "./status.handler";
import { getAiUsage } from "./usage.handler";
import { ZAiUsageInput } from "./usage.schema";

export const aiRouter = createTRPCRouter({
  status: teamProcedure.query(getAiStatus),
  usage: permissionProcedure("usage:read").input(ZAiUsageInput).query(getAiUsage),
});
