import { NotFoundError } from "@/server/errors";
import type { TeamContext } from "../../trpc";
import type { DeleteConversationInput } from "./delete-conversation.schema";

/** Deletes one of the caller's conversations (its messages go with it). */
export async function deleteConversation({ ctx, input }: { ctx: TeamContext; input: DeleteConversationInput }) {
  const { count } = await ctx.db.chatConversation.deleteMany({ where: { id: input.id, userId: ctx.user.id } });
  if (count === 0) throw new NotFoundError("Conversation");
  return { id: input.id };
}
