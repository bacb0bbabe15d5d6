import { z } from "zod";

export const ZId = (what: string) => z.string().min(1, `${what} is required.`).max(64, `That ${what.toLowerCase()} id is not valid.`);

/** PostgreSQL's integer maximum: a larger number would fail in the database (a 500) instead of here (a 400). */
export const MAX_DB_INT = 2_147_483_647;

/** The row version an editor started from (optimistic concurrency). */
export const ZVersion = z.number().int().positive().max(MAX_DB_INT, "That version number is not valid. Reload and try again.");

export const ZTaskTitle = z
  .string({ error: "Enter a title." })
  .trim()
  .min(1, "Enter a title.")
  .max(200, "Use at most 200 characters for the title.");
export const ZTaskDescription = z.string().max(20_000, "Use at most 20,000 characters for the description.");
export const ZPriority = z.enum(["LOW", "MEDIUM", "HIGH", "URGENT"]);
export const ZDueDate = z.coerce.date({ error: "Enter a valid due date." });
export const ZLabelIds = z.array(ZId("Label")).max(20, "Use at most 20 labels.");

/** The fields of a task on the board and in lists. */
export const taskCardSelect = {
  id: true,
  projectId: true,
  columnId: true,
  title: true,
  priority: true,
  assigneeId: true,
  dueDate: true,
  rank: true,
  version: true,
  updatedAt: true,
  labels: { select: { labelId: true } },
} as const;
