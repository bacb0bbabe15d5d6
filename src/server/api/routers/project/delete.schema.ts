import { z } from "zod";
import { ZProjectId } from "./get.schema";

export const ZDeleteProjectInput = z.object({ id: ZProjectId });
export type DeleteProjectInput = z.infer<typeof ZDeleteProjectInput>;
