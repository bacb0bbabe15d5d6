/** The kinds of notification, with what a user gets unless they choose otherwise. Isomorphic (settings UI). */
export const NOTIFICATION_TYPES = {
  "project.added": { label: "Added to a project", defaultChannel: "EMAIL" },
  "task.assigned": { label: "A task is assigned to me", defaultChannel: "IN_APP" },
  "comment.mention": { label: "Mentioned in a comment", defaultChannel: "IN_APP" },
  "member.joined": { label: "Someone joined the team", defaultChannel: "IN_APP" },
} as const satisfies Record<string, { label: string; defaultChannel: NotificationChannel }>;

export type NotificationType = keyof typeof NOTIFICATION_TYPES;
/** IN_APP: the bell only; EMAIL: the bell and an email; OFF: nothing. */
export type NotificationChannel = "IN_APP" | "EMAIL" | "OFF";

export function isNotificationType(value: string): value is NotificationType {
  return Object.hasOwn(NOTIFICATION_TYPES, value);
}
