import { z } from "zod";
import { ZId } from "./task.schema";

export const ZGetTaskInput = z.object({ id: ZId("Task") });
export type GetTaskInput = z.infer<typeof ZGetTaskInput>;
