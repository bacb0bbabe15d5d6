import { authedProcedure, createTRPCRouter, teamProcedure } from "../../trpc";
import {
  listNotificationPreferences,
  listNotifications,
  markAllRead,
  markRead,
  unreadCount,
  updateNotificationPreference,
} from "./notification.handler";
import { ZListNotificationsInput, ZMarkReadInput, ZUpdatePreferenceInput } from "./notification.schema";

export const notificationRouter = createTRPCRouter({
  list: teamProcedure.input(ZListNotificationsInput).query(listNotifications),
  unreadCount: teamProcedure.query(unreadCount),
  markRead: teamProcedure.input(ZMarkReadInput).mutation(markRead),
  markAllRead: teamProcedure.mutation(markAllRead),
  preferences: authedProcedure.query(listNotificationPreferences),
  updatePreference: authedProcedure.input(ZUpdatePreferenceInput).mutation(updateNotificationPreference),
});
