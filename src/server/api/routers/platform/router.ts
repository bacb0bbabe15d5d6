import { createTRPCRouter, superadminProcedure } from "../../trpc";
import { listJobRuns } from "./list-job-runs.handler";
import { ZListJobRunsInput } from "./list-job-runs.schema";
import { listAllTeams } from "./list-teams.handler";

export const platformRouter = createTRPCRouter({
  teams: superadminProcedure.query(listAllTeams),
  jobRuns: superadminProcedure.input(ZListJobRunsInput).query(listJobRuns),
});
