import { z } from "zod";

export const ZTenancyTeamId = z.string().trim().min(1, "Choose a team.").max(64, "That team id is not valid.");
export const ZTenantTier = z.enum(["SHARED", "SCHEMA", "ISOLATED"], { message: "Choose a tier: shared, schema or isolated." });

export const ZTenantRegion = z.string().trim().min(1, "Choose a data region.").max(32, "That data region is not valid.");

/** toRegion: the region to move to (a region move); the team's own region when omitted. */
export const ZStartMigrationInput = z.object({ teamId: ZTenancyTeamId, toTier: ZTenantTier, toRegion: ZTenantRegion.optional() });
export type StartMigrationInput = z.infer<typeof ZStartMigrationInput>;
