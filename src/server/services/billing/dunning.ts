import { formatMoney, isCurrency } from "@/lib/invoices/money";
import { appUrl } from "../../app-url";
import { getBaseDb } from "../../db/client";
import type { Prisma } from "../../db/generated/client";
import { safeTimeZone } from "../../jobs/local-time";
import { enqueueJob } from "../../jobs/queue";
import { enqueueEmail, escapeHtml, kickOutbox } from "../mail/outbox";
import { notifyTeamRoles } from "../notifications/notify";
import { invalidateTeamAccess } from "../team/team-access";
import {
  decideDunning,
  dunningStepKey,
  LOCK_AFTER_ATTEMPTS,
  parseDunningStepKey,
  type DunningAction,
  type DunningDecision,
  type DunningInput,
  type DunningState,
  type DunningStep,
} from "./dunning-machine";

/**
 * Dunning, persisted (the rules are in dunning-machine.ts).
 *
 * The state — the Subscription's dunning fields and the team's lock — changes in
 * the transaction that processes the invoice event, together with a "planned
 * step" row per message to send (BillingNotice, kind dunning-step). After the
 * commit each planned step is handed to the `dunning-step` job, and only then is
 * the event marked processed. A crash anywhere is resumed by processing the
 * event again: the state is already there (applying it again changes nothing),
 * and the planned rows name the steps to hand over (job keys make that once).
 *
 * The job sends the step's email (claimed with its own BillingNotice key in the
 * transaction that writes it to the outbox: exactly once) and its in-app
 * notification (claimed, then sent: at most once — notifications are a side
 * effect, see notify.ts).
 */

export const DUNNING_STEP_JOB = "dunning-step";
const PLANNED_KIND = "dunning-step";
export const BILLING_ROLES = ["OWNER", "ADMIN"] as const;
const BILLING_PATH = "/settings/billing";

export type DunningStepPayload = DunningStep & { teamId: string };

/** The job run key of a step. */
export function dunningJobKey(step: DunningStep): string {
  return `dunning-step:${dunningStepKey(step)}`;
}

type Tx = Prisma.TransactionClient;

/**
 * Applies one invoice event to the team's dunning state, inside the caller's
 * transaction (which holds the team's Subscription row). Returns the decision;
 * its steps are recorded as planned.
 */
export async function applyDunning(tx: Tx, teamId: string, input: DunningInput): Promise<DunningDecision & { teamStatusChanged: boolean }> {
  const [sub, team] = await Promise.all([
    tx.subscription.findUniqueOrThrow({
      where: { teamId },
      select: {
        status: true,
        paymentMethodStatus: true,
        failedPaymentCount: true,
        dunningInvoiceId: true,
        dunningInvoiceAt: true,
        nextPaymentAttemptAt: true,
        lastPaidInvoiceAt: true,
      },
    }),
    tx.team.findUniqueOrThrow({ where: { id: teamId }, select: { status: true, statusReason: true } }),
  ]);
  const state: DunningState = {
    subscriptionStatus: sub.status,
    paymentMethodStatus: sub.paymentMethodStatus,
    failedPaymentCount: sub.failedPaymentCount,
    dunningInvoiceId: sub.dunningInvoiceId,
    dunningInvoiceAt: sub.dunningInvoiceAt,
    nextPaymentAttemptAt: sub.nextPaymentAttemptAt,
    lastPaidInvoiceAt: sub.lastPaidInvoiceAt,
    teamStatus: team.status,
    teamStatusReason: team.statusReason,
  };
  const decision = decideDunning(state, input);
  const { next } = decision;
  await tx.subscription.update({
    where: { teamId },
    data: {
      status: next.subscriptionStatus,
      paymentMethodStatus: next.paymentMethodStatus,
      failedPaymentCount: next.failedPaymentCount,
      dunningInvoiceId: next.dunningInvoiceId,
      dunningInvoiceAt: next.dunningInvoiceAt,
      nextPaymentAttemptAt: next.nextPaymentAttemptAt,
      lastPaidInvoiceAt: next.lastPaidInvoiceAt,
    },
    select: { teamId: true },
  });
  let teamStatusChanged = false;
  if (next.teamStatus !== state.teamStatus || next.teamStatusReason !== state.teamStatusReason) {
    // Conditional on the status read above: a team locked or unlocked meanwhile by something else is not overwritten.
    const changed = await tx.team.updateMany({
      where: { id: teamId, status: state.teamStatus },
      data: { status: next.teamStatus, statusReason: next.teamStatusReason },
    });
    teamStatusChanged = changed.count > 0;
  }
  if (decision.steps.length > 0) {
    await tx.billingNotice.createMany({
      data: decision.steps.map((step) => ({ key: dunningStepKey(step), teamId, kind: PLANNED_KIND })),
      skipDuplicates: true,
    });
  }
  return { ...decision, teamStatusChanged };
}

/** Which planned steps an invoice event may have recorded: exact keys, and key prefixes (a recovery's key holds the failure count). */
export function candidateStepKeys(kind: DunningInput["kind"], invoiceId: string, attempt: number): { keys: string[]; prefixes: string[] } {
  const at = Math.max(1, attempt);
  switch (kind) {
    case "payment_failed":
      return { keys: [dunningStepKey({ action: "warn", invoiceId, attempt: at }), dunningStepKey({ action: "lock", invoiceId, attempt: at })], prefixes: [] };
    case "action_required":
      return { keys: [dunningStepKey({ action: "action_required", invoiceId, attempt: at })], prefixes: [] };
    case "paid":
      return { keys: [], prefixes: [`dunning:recover:${invoiceId}:`] };
  }
}

/** The planned steps of a team among the candidate keys (this event's, recorded now or by an earlier try). */
export async function plannedSteps(teamId: string, candidates: { keys: string[]; prefixes: string[] }): Promise<DunningStep[]> {
  const or: Prisma.BillingNoticeWhereInput[] = [
    ...(candidates.keys.length > 0 ? [{ key: { in: candidates.keys } }] : []),
    ...candidates.prefixes.map((prefix) => ({ key: { startsWith: prefix } })),
  ];
  if (or.length === 0) return [];
  const rows = await getBaseDb().billingNotice.findMany({ where: { teamId, kind: PLANNED_KIND, OR: or }, select: { key: true }, orderBy: { key: "asc" } });
  return rows.flatMap((row) => {
    const step = parseDunningStepKey(row.key);
    return step ? [step] : [];
  });
}

/** Hands planned steps to the dunning-step job (idempotent by key). */
export async function scheduleDunningSteps(teamId: string, steps: readonly DunningStep[]): Promise<void> {
  for (const step of steps) {
    await enqueueJob({ job: DUNNING_STEP_JOB, payload: { teamId, ...step }, key: dunningJobKey(step), teamId });
  }
}

// ───────────── the step's messages ─────────────

type StepContext = {
  teamName: string;
  timeZone: string;
  invoice: {
    label: string;
    amountDueCents: number;
    currency: string;
    status: string;
    nextPaymentAttemptAt: Date | null;
  } | null;
  teamStatus: string;
};

function money(cents: number, currency: string): string {
  const code = currency.toUpperCase();
  // Plain spaces: Intl puts a no-break space after the code, which some mail clients show oddly.
  return isCurrency(code) ? formatMoney(BigInt(cents), code, "en").replace(/\u00a0/g, " ") : `${code} ${(cents / 100).toFixed(2)}`;
}

function day(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone }).format(date);
}

export type DunningMessage = { subject: string; text: string; title: string; body: string };

/** The email and notification of a step, in English (emails and notifications are not translated yet). */
export function dunningMessage(action: DunningAction, attempt: number, ctx: StepContext): DunningMessage {
  const link = appUrl(BILLING_PATH);
  const invoice = ctx.invoice;
  const label = invoice?.label ?? "your latest invoice";
  const amount = invoice ? money(invoice.amountDueCents, invoice.currency) : "the amount due";
  const retry = invoice?.nextPaymentAttemptAt
    ? `We will try again on ${day(invoice.nextPaymentAttemptAt, ctx.timeZone)}.`
    : "There is no further automatic retry: please update the payment method.";
  switch (action) {
    case "warn": {
      const warning =
        attempt + 1 >= LOCK_AFTER_ATTEMPTS
          ? `If the next attempt fails too, ${ctx.teamName} will be locked: members can still sign in, read and export everything, but changes are disabled until payment is fixed.`
          : "Nothing changes for your team yet.";
      const body = `We could not collect ${amount} for invoice ${label} (payment attempt ${attempt}). ${retry}`;
      return {
        subject: `Payment failed (attempt ${attempt} of ${LOCK_AFTER_ATTEMPTS}) for ${ctx.teamName}: ${amount}`,
        text: `${body}\n\n${warning}\n\nUpdate the payment method: ${link}`,
        title: `Payment failed (attempt ${attempt} of ${LOCK_AFTER_ATTEMPTS})`,
        body: `${body} Update the payment method in Billing settings.`,
      };
    }
    case "lock": {
      const body = `We could not collect ${amount} for invoice ${label} (payment attempt ${attempt}). ${retry} ${ctx.teamName} is locked: members can still sign in, read and export everything, but changes are disabled until payment is fixed. No data is deleted.`;
      return {
        subject: `Payment failed ${attempt} times: ${ctx.teamName} is locked (${amount})`,
        text: `${body}\n\nUpdate the payment method to unlock the team at once: ${link}`,
        title: `Team locked: payment failed (attempt ${attempt})`,
        body: `${body} Update the payment method in Billing settings.`,
      };
    }
    case "recover": {
      const unlocked = attempt >= LOCK_AFTER_ATTEMPTS;
      const body = `We received ${amount} for invoice ${label}. ${unlocked ? `${ctx.teamName} is unlocked: changes work again.` : "Thank you."}`;
      return {
        subject: unlocked ? `Payment received: ${ctx.teamName} is unlocked` : `Payment received for ${ctx.teamName}`,
        text: `${body}\n\n${link}`,
        title: unlocked ? "Payment received, team unlocked" : "Payment received",
        body,
      };
    }
    case "action_required": {
      const body = `Your bank asks you to confirm the payment of ${amount} for invoice ${label}. Open Billing settings to confirm it.`;
      return { subject: `Confirm the payment for ${ctx.teamName}`, text: `${body}\n\n${link}`, title: "Payment needs your confirmation", body };
    }
  }
}

/** Claims a once-only key; false when it was claimed before. */
async function claim(db: Pick<Tx, "billingNotice">, key: string, teamId: string, kind: string): Promise<boolean> {
  const { count } = await db.billingNotice.createMany({ data: [{ key, teamId, kind }], skipDuplicates: true });
  return count === 1;
}

/** Warnings sent after the invoice was paid would be out of date: the recovery message says what happened. */
function outdated(action: DunningAction, ctx: StepContext): boolean {
  if (action === "recover") return false;
  if (ctx.invoice?.status === "paid") return true;
  return action === "lock" && ctx.teamStatus === "ACTIVE";
}

/** Emails only for failures and their lock; a recovery and a confirmation request are notifications. */
const EMAILED: ReadonlySet<DunningAction> = new Set(["warn", "lock"]);

export type DunningStepResult = { emails: number; notified: number; skipped: "outdated" | null };

/**
 * Runs one dunning step: the email to the team's owners and admins and the
 * in-app notification, each once (idempotent, resumable).
 */
export async function runDunningStep(step: DunningStepPayload): Promise<DunningStepResult> {
  const db = getBaseDb();
  const team = await db.team.findUnique({ where: { id: step.teamId }, select: { name: true, timezone: true, status: true } });
  if (!team) return { emails: 0, notified: 0, skipped: "outdated" };
  const invoice = await db.billingInvoice.findFirst({
    where: { teamId: step.teamId, externalId: step.invoiceId },
    select: { number: true, externalId: true, amountDueCents: true, currency: true, status: true, nextPaymentAttemptAt: true },
  });
  const ctx: StepContext = {
    teamName: team.name,
    timeZone: safeTimeZone(team.timezone),
    teamStatus: team.status,
    invoice: invoice
      ? { label: invoice.number ?? invoice.externalId, amountDueCents: invoice.amountDueCents, currency: invoice.currency, status: invoice.status, nextPaymentAttemptAt: invoice.nextPaymentAttemptAt }
      : null,
  };
  // A lock or unlock made by another process: this process's cached access must not lag.
  invalidateTeamAccess(step.teamId);
  if (outdated(step.action, ctx)) return { emails: 0, notified: 0, skipped: "outdated" };

  // A READ_ONLY team (locked for another reason) was not soft-locked: its people get the warning, not a lock notice.
  const message = dunningMessage(step.action === "lock" && ctx.teamStatus === "READ_ONLY" ? "warn" : step.action, step.attempt, ctx);
  const key = dunningStepKey(step);
  let emails = 0;
  if (EMAILED.has(step.action)) {
    const recipients = await db.membership.findMany({
      where: { teamId: step.teamId, role: { in: [...BILLING_ROLES] } },
      select: { user: { select: { email: true } } },
      orderBy: { createdAt: "asc" },
    });
    const addresses = [...new Set(recipients.flatMap((r) => (r.user.email ? [r.user.email] : [])))];
    emails = await db.$transaction(async (tx) => {
      if (!(await claim(tx, `${key}:email`, step.teamId, "dunning-email"))) return 0;
      const html = `<p>${escapeHtml(message.text).replace(/\n\n/g, "</p><p>")}</p>`;
      for (const to of addresses) {
        await enqueueEmail({ to, kind: `billing.${step.action}`, teamId: step.teamId, subject: message.subject, text: message.text, html }, tx);
      }
      return addresses.length;
    });
    if (emails > 0) kickOutbox();
  }
  let notified = 0;
  if (await claim(db, `${key}:notification`, step.teamId, "dunning-notification")) {
    notified = await notifyTeamRoles(step.teamId, BILLING_ROLES, { type: "billing.payment", title: message.title, body: message.body, link: BILLING_PATH });
  }
  return { emails, notified, skipped: null };
}
