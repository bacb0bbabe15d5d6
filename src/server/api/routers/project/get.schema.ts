import { z } from "zod";

export const ZProjectId = z.string().min(1, "A project id is required.").max(64, "That project id is not valid.");

export const ZGetProjectInput = z.object({ id: ZProjectId });
export type GetProjectInput = z.infer<typeof ZGetProjectInput>;
