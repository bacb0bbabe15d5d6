import { getBaseDb } from "../../db/client";
import { configuredMailer } from "./mailer";

/**
 * The dev mailbox shows outbox mail in the app instead of sending it. Accounts
 * are not email-verified, so anyone could sign up with someone else's address
 * and read their mail here (invitation links included): it is therefore only
 * on for the local embedded setup (DEV_MAILBOX=on, set by the start script when
 * it runs the embedded database) and never while a real provider is configured.
 */
export function devMailboxEnabled(env: Readonly<Record<string, string | undefined>> = process.env): boolean {
  return env.DEV_MAILBOX === "on" && configuredMailer(env) === null;
}

/** Mail the dev mailbox holds for an address; platform operators see all of it. */
export async function readMailbox(viewer: { email: string; isSuperAdmin: boolean }, limit = 50) {
  return getBaseDb().emailMessage.findMany({
    where: { status: "DEV_MAILBOX", ...(viewer.isSuperAdmin ? {} : { to: viewer.email.toLowerCase() }) },
    orderBy: { createdAt: "desc" },
    take: limit,
    select: { id: true, to: true, subject: true, text: true, status: true, kind: true, createdAt: true },
  });
}
