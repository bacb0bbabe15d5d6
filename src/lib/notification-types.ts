/** The kinds of notification, with what a user gets unless they choose otherwise. Isomorphic (settings UI). */
export const NOTIFICATION_TYPES = {
  "project.added": { label: "Added to a project", defaultChannel: "EMAIL" },
  "task.assigned": { label: "A task is assigned to me", defaultChannel: "IN_APP" },
  "comment.mention": { label: "Mentioned in a comment", defaultChannel: "IN_APP" },
  "member.joined": { label: "Someone joined the team", defaultChannel: "IN_APP" },
  "billing.usage": { label: "AI usage nears or passes the plan's allowance", defaultChannel: "IN_APP" },
  // In app only by default: the dunning steps email owners and admins themselves.
  "billing.payment": { label: "A payment failed or the team was locked or unlocked", defaultChannel: "IN_APP" },
} as const satisfies Record<string, { label: string; defaultChannel: NotificationChannel }>;

export type NotificationType = keyof typeof NOTIFICATION_TYPES;
/** IN_APP: the bell only; EMAIL: the bell and an email; OFF: nothing. */
export type NotificationChannel = "IN_APP" | "EMAIL" | "OFF";

export function isNotificationType(value: string): value is NotificationType {
  return Object.hasOwn(NOTIFICATION_TYPES, value);
}
