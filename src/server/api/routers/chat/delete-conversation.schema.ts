import { z } from "zod";
import { ZConversationId } from "./chat.schema";

export const ZDeleteConversationInput = z.object({ id: ZConversationId });
export type DeleteConversationInput = z.infer<typeof ZDeleteConversationInput>;
