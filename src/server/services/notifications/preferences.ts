import { NOTIFICATION_TYPES, type NotificationChannel, type NotificationType } from "@/lib/notification-types";
import { getBaseDb } from "../../db/client";

/** Each recipient's channel for `type` (their choice, else the type's default). */
export async function channelsFor(userIds: readonly string[], type: NotificationType): Promise<Map<string, NotificationChannel>> {
  const chosen = await getBaseDb().notificationPreference.findMany({
    where: { userId: { in: [...userIds] }, type },
    select: { userId: true, channel: true },
  });
  const byUser = new Map(chosen.map((p) => [p.userId, p.channel]));
  return new Map(userIds.map((id) => [id, byUser.get(id) ?? NOTIFICATION_TYPES[type].defaultChannel]));
}

export async function listPreferences(userId: string) {
  const chosen = await getBaseDb().notificationPreference.findMany({ where: { userId }, select: { type: true, channel: true } });
  const byType = new Map(chosen.map((p) => [p.type, p.channel]));
  return (Object.keys(NOTIFICATION_TYPES) as NotificationType[]).map((type) => ({
    type,
    label: NOTIFICATION_TYPES[type].label,
    channel: byType.get(type) ?? NOTIFICATION_TYPES[type].defaultChannel,
  }));
}

export async function setPreference(userId: string, type: NotificationType, channel: NotificationChannel) {
  await getBaseDb().notificationPreference.upsert({
    where: { userId_type: { userId, type } },
    create: { userId, type, channel },
    update: { channel },
  });
}
