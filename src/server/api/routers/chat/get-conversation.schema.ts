import { z } from "zod";
import { ZConversationId } from "./chat.schema";

export const ZGetConversationInput = z.object({ id: ZConversationId });
export type GetConversationInput = z.infer<typeof ZGetConversationInput>;
