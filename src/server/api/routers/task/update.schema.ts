import { z } from "zod";
import { ZDueDate, ZId, ZLabelIds, ZPriority, ZTaskDescription, ZTaskTitle, ZVersion } from "./task.schema";

export const ZUpdateTaskInput = z.object({
  id: ZId("Task"),
  /** The version the editor started from: a change based on an older one is refused. */
  expectedVersion: ZVersion.optional(),
  data: z
    .object({
      title: ZTaskTitle.optional(),
      description: ZTaskDescription.nullable().optional(),
      priority: ZPriority.optional(),
      assigneeId: ZId("Assignee").nullable().optional(),
      dueDate: ZDueDate.nullable().optional(),
      labelIds: ZLabelIds.optional(),
    })
    .refine((data) => Object.values(data).some((value) => value !== undefined), { message: "Change at least one field." }),
});
export type UpdateTaskInput = z.infer<typeof ZUpdateTaskInput>;
