import { z } from "zod";
import { ZTenancyTeamId } from "./start-migration.schema";

export const ZRetrySyncInput = z.object({ teamId: ZTenancyTeamId });
export type RetrySyncInput = z.infer<typeof ZRetrySyncInput>;
