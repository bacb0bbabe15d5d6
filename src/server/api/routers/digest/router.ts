import { aiRateLimit, createTRPCRouter, permissionProcedure, teamProcedure } from "../../trpc";
import { generateDigest } from "./generate.handler";
import { latestDigest } from "./latest.handler";
import { listDigests } from "./list.handler";
import { ZListDigestsInput } from "./list.schema";
import { getDigestSchedule } from "./schedule.handler";

// The digest shows revenue and overdue invoices: the same people who may read invoices.
export const digestRouter = createTRPCRouter({
  latest: permissionProcedure("invoice:read").query(latestDigest),
  list: permissionProcedure("invoice:read").input(ZListDigestsInput).query(listDigests),
  schedule: teamProcedure.query(getDigestSchedule),
  // A run asks the model for insights: the AI allowance applies.
  generate: permissionProcedure("team:update").use(aiRateLimit).mutation(generateDigest),
});
