import { createTRPCRouter, superadminProcedure } from "../../trpc";
import { listJobRuns } from "./list-job-runs.handler";
import { ZListJobRunsInput } from "./list-job-runs.schema";
import { listAllTeams } from "./list-teams.handler";
import { listOfferedRegions } from "./regions.handler";
import { retrySync } from "./retry-sync.handler";
import { ZRetrySyncInput } from "./retry-sync.schema";
import { startMigration } from "./start-migration.handler";
import { ZStartMigrationInput } from "./start-migration.schema";
import { listTenants } from "./tenants.handler";
import { ZListTenantsInput } from "./tenants.schema";

export const platformRouter = createTRPCRouter({
  teams: superadminProcedure.query(listAllTeams),
  jobRuns: superadminProcedure.input(ZListJobRunsInput).query(listJobRuns),
  // Tenancy operations: where each tenant lives, tier migrations, schema sync retries.
  tenants: superadminProcedure.input(ZListTenantsInput).query(listTenants),
  regions: superadminProcedure.query(listOfferedRegions),
  startMigration: superadminProcedure.input(ZStartMigrationInput).mutation(startMigration),
  retrySync: superadminProcedure.input(ZRetrySyncInput).mutation(retrySync),
});
