import { z } from "zod";
import { ZId, ZPriority } from "./task.schema";

export const ZListTasksInput = z.object({
  projectId: ZId("Project"),
  assigneeId: z.union([ZId("Assignee"), z.literal("none")]).optional(),
  priority: ZPriority.optional(),
  labelId: ZId("Label").optional(),
  due: z.enum(["overdue", "today", "week", "none"]).optional(),
  search: z.string().trim().max(100, "Search with at most 100 characters.").optional(),
  cursor: ZId("Cursor").optional(),
  limit: z.number().int().min(1).max(200).default(100),
});
export type ListTasksInput = z.infer<typeof ZListTasksInput>;
