import { NotFoundError } from "@/server/errors";
import { chatMessageSelect, toMessageView } from "@/server/services/rag/chat";
import type { TeamContext } from "../../trpc";
import type { GetConversationInput } from "./get-conversation.schema";

/** One of the caller's conversations with its messages, oldest first. Someone else's is "not found". */
export async function getConversation({ ctx, input }: { ctx: TeamContext; input: GetConversationInput }) {
  const conversation = await ctx.db.chatConversation.findFirst({
    where: { id: input.id, userId: ctx.user.id },
    select: {
      id: true,
      title: true,
      createdAt: true,
      updatedAt: true,
      messages: { select: chatMessageSelect, orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
    },
  });
  if (!conversation) throw new NotFoundError("Conversation");
  return { ...conversation, messages: conversation.messages.map(toMessageView) };
}
