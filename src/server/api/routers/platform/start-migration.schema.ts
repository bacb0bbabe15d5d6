import { z } from "zod";

export const ZTenancyTeamId = z.string().trim().min(1, "Choose a team.").max(64, "That team id is not valid.");
export const ZTenantTier = z.enum(["SHARED", "SCHEMA", "ISOLATED"], { message: "Choose a tier: shared, schema or isolated." });

export const ZStartMigrationInput = z.object({ teamId: ZTenancyTeamId, toTier: ZTenantTier });
export type StartMigrationInput = z.infer<typeof ZStartMigrationInput>;
