import { z } from "zod";
import { ZId } from "./task.schema";

export const ZBoardInput = z.object({ projectId: ZId("Project") });
export type BoardInput = z.infer<typeof ZBoardInput>;
