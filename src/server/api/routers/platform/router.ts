import { createTRPCRouter, superadminProcedure } from "../../trpc";
import { listAllTeams } from "./list-teams.handler";

export const platformRouter = createTRPCRouter({
  teams: superadminProcedure.query(listAllTeams),
});
