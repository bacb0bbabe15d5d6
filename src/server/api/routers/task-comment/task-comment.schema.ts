import { z } from "zod";
import { ZId } from "../task/task.schema";

export const ZListCommentsInput = z.object({ taskId: ZId("Task") });
export const ZCreateCommentInput = z.object({
  taskId: ZId("Task"),
  body: z.string().trim().min(1, "Write a comment.").max(10_000, "Use at most 10,000 characters."),
});
export const ZDeleteCommentInput = z.object({ id: ZId("Comment") });
export type ListCommentsInput = z.infer<typeof ZListCommentsInput>;
export type CreateCommentInput = z.infer<typeof ZCreateCommentInput>;
export type DeleteCommentInput = z.infer<typeof ZDeleteCommentInput>;
