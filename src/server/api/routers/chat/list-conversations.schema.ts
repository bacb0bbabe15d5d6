import { z } from "zod";
import { ZConversationId } from "./chat.schema";

export const ZListConversationsInput = z
  .object({
    cursor: ZConversationId.optional(),
    limit: z.number().int().min(1).max(100).default(30),
  })
  .default({ limit: 30 });
export type ListConversationsInput = z.infer<typeof ZListConversationsInput>;
