import { z } from "zod";
import { MAX_QUESTION_CHARS, ZConversationId } from "./chat.schema";

export const ZAskInput = z.object({
  /** Omitted: a new conversation is started. */
  conversationId: ZConversationId.optional(),
  question: z
    .string({ error: "Type a question." })
    .trim()
    .min(1, "Type a question.")
    .max(MAX_QUESTION_CHARS, "Ask in at most 2000 characters."),
});
export type AskInput = z.infer<typeof ZAskInput>;
