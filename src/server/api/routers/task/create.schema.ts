import { z } from "zod";
import { ZDueDate, ZId, ZLabelIds, ZPriority, ZTaskDescription, ZTaskTitle } from "./task.schema";

export const ZCreateTaskInput = z.object({
  projectId: ZId("Project"),
  columnId: ZId("Column").optional(),
  title: ZTaskTitle,
  description: ZTaskDescription.optional(),
  priority: ZPriority.default("MEDIUM"),
  assigneeId: ZId("Assignee").nullish(),
  dueDate: ZDueDate.nullish(),
  labelIds: ZLabelIds.default([]),
});
export type CreateTaskInput = z.infer<typeof ZCreateTaskInput>;
