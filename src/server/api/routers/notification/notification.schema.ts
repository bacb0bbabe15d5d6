import { z } from "zod";
import { NOTIFICATION_TYPES, type NotificationType } from "@/lib/notification-types";

const TYPES = Object.keys(NOTIFICATION_TYPES) as [NotificationType, ...NotificationType[]];

export const ZListNotificationsInput = z
  .object({ cursor: z.string().max(64).optional(), limit: z.number().int().min(1).max(50).default(20), unreadOnly: z.boolean().default(false) })
  .default({ limit: 20, unreadOnly: false });
export const ZMarkReadInput = z.object({ ids: z.array(z.string().min(1).max(64)).min(1).max(100) });
export const ZUpdatePreferenceInput = z.object({
  type: z.enum(TYPES),
  channel: z.enum(["IN_APP", "EMAIL", "OFF"]),
});
export type ListNotificationsInput = z.infer<typeof ZListNotificationsInput>;
export type MarkReadInput = z.infer<typeof ZMarkReadInput>;
export type UpdatePreferenceInput = z.infer<typeof ZUpdatePreferenceInput>;
