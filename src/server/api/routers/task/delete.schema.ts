import { z } from "zod";
import { ZId } from "./task.schema";

export const ZDeleteTaskInput = z.object({ id: ZId("Task") });
export type DeleteTaskInput = z.infer<typeof ZDeleteTaskInput>;
