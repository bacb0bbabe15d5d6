import { aiRateLimit, createTRPCRouter, permissionProcedure } from "../../trpc";
import { ask } from "./ask.handler";
import { ZAskInput } from "./ask.schema";
import { deleteConversation } from "./delete-conversation.handler";
import { ZDeleteConversationInput } from "./delete-conversation.schema";
import { getConversation } from "./get-conversation.handler";
import { ZGetConversationInput } from "./get-conversation.schema";
import { listConversations } from "./list-conversations.handler";
import { ZListConversationsInput } from "./list-conversations.schema";

/** Chat with the team's documents. Conversations are private to the user who started them. */
export const chatRouter = createTRPCRouter({
  ask: permissionProcedure("ai:use").use(aiRateLimit).input(ZAskInput).mutation(ask),
  listConversations: permissionProcedure("document:read").input(ZListConversationsInput).query(listConversations),
  getConversation: permissionProcedure("document:read").input(ZGetConversationInput).query(getConversation),
  // The user's own history: reading it is what the permission guards.
  deleteConversation: permissionProcedure("document:read").input(ZDeleteConversationInput).mutation(deleteConversation),
});
