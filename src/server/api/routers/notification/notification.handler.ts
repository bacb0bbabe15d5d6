import { listPreferences, setPreference } from "@/server/services/notifications/preferences";
import type { SessionUser, TeamContext } from "../../trpc";
import type { ListNotificationsInput, MarkReadInput, UpdatePreferenceInput } from "./notification.schema";

const notificationSelect = { id: true, type: true, title: true, body: true, link: true, readAt: true, createdAt: true } as const;

/** The caller's notifications in the active team, newest first. */
export async function listNotifications({ ctx, input }: { ctx: TeamContext; input: ListNotificationsInput }) {
  const rows = await ctx.db.notification.findMany({
    where: { userId: ctx.user.id, ...(input.unreadOnly ? { readAt: null } : {}) },
    select: notificationSelect,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: input.limit + 1,
    ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
  });
  const hasMore = rows.length > input.limit;
  const items = hasMore ? rows.slice(0, input.limit) : rows;
  return { items, nextCursor: hasMore ? (items.at(-1)?.id ?? null) : null };
}

export function unreadCount({ ctx }: { ctx: TeamContext }) {
  return ctx.db.notification.count({ where: { userId: ctx.user.id, readAt: null } });
}

export async function markRead({ ctx, input }: { ctx: TeamContext; input: MarkReadInput }) {
  const { count } = await ctx.db.notification.updateMany({
    where: { id: { in: input.ids }, userId: ctx.user.id, readAt: null },
    data: { readAt: new Date() },
  });
  return { count };
}

export async function markAllRead({ ctx }: { ctx: TeamContext }) {
  const { count } = await ctx.db.notification.updateMany({ where: { userId: ctx.user.id, readAt: null }, data: { readAt: new Date() } });
  return { count };
}

export function listNotificationPreferences({ ctx }: { ctx: { user: SessionUser } }) {
  return listPreferences(ctx.user.id);
}

export async function updateNotificationPreference({ ctx, input }: { ctx: { user: SessionUser }; input: UpdatePreferenceInput }) {
  await setPreference(ctx.user.id, input.type, input.channel);
  return listPreferences(ctx.user.id);
}
