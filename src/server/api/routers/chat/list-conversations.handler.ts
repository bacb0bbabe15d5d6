import type { TeamContext } from "../../trpc";
import type { ListConversationsInput } from "./list-conversations.schema";

/** The caller's own conversations, most recently active first. */
export async function listConversations({ ctx, input }: { ctx: TeamContext; input: ListConversationsInput }) {
  const rows = await ctx.db.chatConversation.findMany({
    where: { userId: ctx.user.id },
    select: { id: true, title: true, updatedAt: true },
    orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
    take: input.limit + 1,
    ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
  });
  const hasMore = rows.length > input.limit;
  const items = hasMore ? rows.slice(0, input.limit) : rows;
  return { items, nextCursor: hasMore ? (items.at(-1)?.id ?? null) : null };
}
