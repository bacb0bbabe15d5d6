import { z } from "zod";
import { ZId, ZVersion } from "./task.schema";

export const ZMoveTaskInput = z.object({
  id: ZId("Task"),
  columnId: ZId("Column"),
  /** Place the task right after this one (the task above it), or … */
  afterId: ZId("Task").nullish(),
  /** … right before this one (the task below it); neither: at the end of the column. */
  beforeId: ZId("Task").nullish(),
  /** The version the board showed: a move of a task someone else changed meanwhile is refused. */
  expectedVersion: ZVersion,
});
export type MoveTaskInput = z.infer<typeof ZMoveTaskInput>;
