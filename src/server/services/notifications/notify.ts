import type { NotificationType } from "@/lib/notification-types";
import type { TeamRole } from "@/lib/permissions";
import { getTenantDb } from "../../db/get-tenant-db";
import { safeCallbackUrl } from "@/lib/safe-redirect";
import { appUrl } from "../../app-url";
import { getBaseDb } from "../../db/client";
import { TenantViolationError } from "../../errors";
import { describeError } from "../../log";
import { enqueueEmail, escapeHtml, kickOutbox } from "../mail/outbox";
import type { TenantRequest } from "../tenant-request";
import { channelsFor } from "./preferences";

export type NotificationDraft = {
  type: NotificationType;
  recipients: readonly string[];
  title: string;
  body?: string;
  /** A path inside the app, e.g. /projects/abc. */
  link?: string;
};

/**
 * Tells team members about something: an in-app notification and, if they chose
 * it, an email through the outbox. The acting user is never notified of their
 * own action. A notification is a side effect: if it fails, the action that
 * caused it stands, and the failure is logged.
 */
export async function notify(req: TenantRequest, draft: NotificationDraft): Promise<number> {
  const recipients = [...new Set(draft.recipients)].filter((id) => id && id !== req.user.id);
  if (recipients.length === 0) return 0;
  try {
    // Links are paths inside the app: the bell and emails must never lead elsewhere.
    if (draft.link !== undefined && safeCallbackUrl(draft.link, "") !== draft.link) {
      throw new TenantViolationError(`Notification link must be an app path: ${draft.link.slice(0, 40)}`);
    }
    const channels = await channelsFor(recipients, draft.type);
    const inApp = recipients.filter((id) => channels.get(id) !== "OFF");
    if (inApp.length === 0) return 0;
    await req.db.notification.createMany({
      data: inApp.map((userId) => ({ userId, type: draft.type, title: draft.title, body: draft.body ?? null, link: draft.link ?? null })),
    });
    const byEmail = inApp.filter((id) => channels.get(id) === "EMAIL");
    if (byEmail.length > 0) {
      const users = await getBaseDb().user.findMany({ where: { id: { in: byEmail } }, select: { email: true } });
      const link = draft.link ? appUrl(draft.link) : null;
      for (const user of users) {
        await enqueueEmail({
          to: user.email,
          kind: `notification:${draft.type}`,
          teamId: req.team.id,
          subject: draft.title,
          text: [draft.body, link].filter(Boolean).join("\n\n") || draft.title,
          html: `<p>${escapeHtml(draft.body ?? draft.title)}</p>${link ? `<p><a href="${escapeHtml(link)}">Open</a></p>` : ""}`,
        });
      }
      kickOutbox();
    }
    return inApp.length;
  } catch (error) {
    console.error(`[notify] ${draft.type} failed: ${describeError(error)}`);
    return 0;
  }
}

/** People mentioned in a comment: @first-name or @email of the project's members. */
export function mentionedUsers(body: string, people: ReadonlyArray<{ userId: string; name: string | null; email: string | null }>): string[] {
  const tokens = [...body.matchAll(/(?:^|\s)@([\w.+-]+@[\w-]+(?:\.[\w-]+)+|[\p{L}][\p{L}\d_-]*)/gu)].map((m) => (m[1] ?? "").toLowerCase());
  const found = new Set<string>();
  for (const token of tokens) {
    for (const person of people) {
      const first = person.name?.split(/\s+/)[0]?.toLowerCase();
      if (person.email?.toLowerCase() === token || first === token) found.add(person.userId);
    }
  }
  return [...found];
}

/** The acting "user" of notifications the system sends (billing, jobs): never a recipient to skip. */
export const SYSTEM_ACTOR_ID = "system";

/**
 * Notifies the team's members with one of `roles` on behalf of the system (a
 * webhook, a job): the same channels and preferences as notify().
 */
export async function notifyTeamRoles(teamId: string, roles: readonly TeamRole[], draft: Omit<NotificationDraft, "recipients">): Promise<number> {
  try {
    const members = await getBaseDb().membership.findMany({ where: { teamId, role: { in: [...roles] } }, select: { userId: true } });
    if (members.length === 0) return 0;
    const db = await getTenantDb(teamId, { actorId: null, requestId: null });
    return await notify({ db, role: "OWNER", user: { id: SYSTEM_ACTOR_ID }, team: { id: teamId } }, { ...draft, recipients: members.map((m) => m.userId) });
  } catch (error) {
    console.error(`[notify] ${draft.type} for team failed: ${describeError(error)}`);
    return 0;
  }
}
