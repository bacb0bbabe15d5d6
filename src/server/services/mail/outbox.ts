import { getBaseDb } from "../../db/client";
import type { Prisma } from "../../db/generated/client";
import { describeError } from "../../log";
import { configuredMailer, type Mailer } from "./mailer";

export type EmailDraft = { to: string; subject: string; text: string; html?: string; kind: string; teamId?: string | null };

type Db = Pick<Prisma.TransactionClient, "emailMessage">;

/** Writes an email to the outbox — inside the caller's transaction when given one, so it exists only if that commits. */
export async function enqueueEmail(draft: EmailDraft, db: Db = getBaseDb()): Promise<{ id: string }> {
  return db.emailMessage.create({
    data: { to: draft.to, subject: draft.subject, text: draft.text, html: draft.html ?? null, kind: draft.kind, teamId: draft.teamId ?? null },
    select: { id: true },
  });
}

export const MAX_ATTEMPTS = 5;
/** How long a dispatcher may hold a claimed message before another may take it over (it crashed). */
const CLAIM_MS = 5 * 60 * 1000;

function dueWhere(now: Date) {
  return {
    OR: [
      { status: "PENDING" as const },
      { status: "FAILED" as const, attempts: { lt: MAX_ATTEMPTS } },
      { status: "SENDING" as const, lockedUntil: { lt: now }, attempts: { lt: MAX_ATTEMPTS } },
    ],
  };
}

/**
 * Sends what is waiting. Each message is claimed before it is sent (SENDING, with
 * a lease, in one conditional update), so two dispatchers never send the same
 * one; the provider gets the message id as idempotency key, so a crash between
 * sending and recording does not send it twice either. Without a provider,
 * messages go to the dev mailbox.
 */
export async function dispatchOutbox(options: { mailer?: Mailer | null; limit?: number; onlyTo?: string } = {}) {
  const mailer = options.mailer === undefined ? configuredMailer() : options.mailer;
  const db = getBaseDb();
  const due = await db.emailMessage.findMany({
    where: { ...dueWhere(new Date()), ...(options.onlyTo ? { to: options.onlyTo } : {}) },
    orderBy: { createdAt: "asc" },
    take: options.limit ?? 50,
    select: { id: true, to: true, subject: true, text: true, html: true, attempts: true },
  });
  const result = { sent: 0, devMailbox: 0, failed: 0 };
  for (const message of due) {
    const now = new Date();
    const claimed = await db.emailMessage.updateMany({
      where: { id: message.id, attempts: message.attempts, ...dueWhere(now) },
      data: { attempts: { increment: 1 }, status: "SENDING", lockedUntil: new Date(now.getTime() + CLAIM_MS) },
    });
    if (claimed.count === 0) continue;
    if (!mailer) {
      await db.emailMessage.update({ where: { id: message.id }, data: { status: "DEV_MAILBOX", sentAt: new Date(), lockedUntil: null } });
      result.devMailbox++;
      continue;
    }
    try {
      const { providerId } = await mailer.send(message);
      await db.emailMessage.update({ where: { id: message.id }, data: { status: "SENT", providerId, sentAt: new Date(), lastError: null, lockedUntil: null } });
      result.sent++;
    } catch (error) {
      await db.emailMessage.update({ where: { id: message.id }, data: { status: "FAILED", lastError: describeError(error).slice(0, 500), lockedUntil: null } });
      result.failed++;
    }
  }
  return result;
}

let pending: Promise<unknown> | null = null;

/**
 * Starts a dispatch in the background after new mail was committed; concurrent
 * kicks share one run. EMAIL_DISPATCH=manual turns this off (tests dispatch
 * explicitly, so parallel test files do not send each other's mail).
 */
export function kickOutbox(): void {
  if (pending || process.env.EMAIL_DISPATCH === "manual") return;
  pending = dispatchOutbox()
    .catch((error: unknown) => console.error(`[mail] dispatch failed: ${describeError(error)}`))
    .finally(() => {
      pending = null;
    });
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[char] ?? char);
}
