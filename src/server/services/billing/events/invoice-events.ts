import { getBaseDb } from "../../../db/client";
import type { Prisma } from "../../../db/generated/client";
import { ConflictError, ValidationError } from "../../../errors";
import { invalidateTeamAccess } from "../../team/team-access";
import { applyDunning, candidateStepKeys, plannedSteps, scheduleDunningSteps } from "../dunning";
import type { DunningDecision, DunningInput, DunningInvoice } from "../dunning-machine";
import { getSubscription } from "../subscriptions";
import { logUnknownTeam, teamOfEvent } from "./resolve-team";
import { invoiceSubscriptionId, unixToDate, ZInvoice, type InvoiceObject } from "./stripe-objects";
import type { HandlerResult, StoredBillingEvent } from "./types";

/**
 * invoice.paid, invoice.payment_failed, invoice.payment_action_required: the
 * invoice is stored (BillingInvoice, one row per provider invoice) and the
 * team's dunning state moves (dunning.ts), in one transaction that holds the
 * team's Subscription row, so two events of one team never interleave. The
 * dunning steps (emails, notifications) are handed to their job after the
 * commit.
 */

export const INVOICE_EVENT_KINDS = {
  "invoice.paid": "paid",
  "invoice.payment_failed": "payment_failed",
  "invoice.payment_action_required": "action_required",
} as const satisfies Record<string, DunningInput["kind"]>;

export type InvoiceEventType = keyof typeof INVOICE_EVENT_KINDS;

/** Later states win; a late "open" never reopens a paid or void invoice. */
const STATUS_RANK: Readonly<Record<string, number>> = { draft: 0, open: 1, uncollectible: 2, void: 3, paid: 4 };
const rank = (status: string) => STATUS_RANK[status] ?? 0;

function invoiceStatus(kind: DunningInput["kind"], invoice: InvoiceObject): string {
  if (kind === "paid") return "paid";
  const status = invoice.status ?? "open";
  return status === "paid" ? "open" : status;
}

/** Only Stripe's own https pages are kept as the invoice's link. */
function safeHostedUrl(url: string | null | undefined): string | null {
  return url && /^https:\/\//.test(url) ? url : null;
}

function max(a: Date | null, b: Date | null): Date | null {
  if (!a) return b;
  if (!b) return a;
  return a > b ? a : b;
}

async function storeInvoice(
  tx: Prisma.TransactionClient,
  event: StoredBillingEvent,
  teamId: string,
  kind: DunningInput["kind"],
  invoice: InvoiceObject,
): Promise<{ alreadyPaid: boolean }> {
  const where = { provider_externalId: { provider: event.source, externalId: invoice.id } };
  const existing = await tx.billingInvoice.findUnique({ where, select: { teamId: true, status: true, attemptCount: true, paidAt: true } });
  if (existing && existing.teamId !== teamId) throw new ConflictError("This billing account already belongs to another team.");
  const incoming = invoiceStatus(kind, invoice);
  const attempt = invoice.attempt_count ?? 0;
  const paidAt = kind === "paid" ? (unixToDate(invoice.status_transitions?.paid_at) ?? event.created) : null;
  const fields = {
    number: invoice.number ?? null,
    currency: (invoice.currency ?? "usd").toLowerCase(),
    amountDueCents: invoice.amount_due,
    periodStart: unixToDate(invoice.period_start),
    periodEnd: unixToDate(invoice.period_end),
    hostedUrl: safeHostedUrl(invoice.hosted_invoice_url),
    issuedAt: unixToDate(invoice.created) ?? event.created,
  };
  if (!existing) {
    await tx.billingInvoice.create({
      data: {
        ...fields,
        teamId,
        provider: event.source,
        externalId: invoice.id,
        status: incoming,
        amountPaidCents: invoice.amount_paid ?? (kind === "paid" ? invoice.amount_due : 0),
        attemptCount: attempt,
        nextPaymentAttemptAt: kind === "paid" ? null : unixToDate(invoice.next_payment_attempt),
        paidAt,
      },
      select: { id: true },
    });
    return { alreadyPaid: false };
  }
  const newer = attempt >= existing.attemptCount;
  const status = rank(incoming) >= rank(existing.status) ? incoming : existing.status;
  await tx.billingInvoice.update({
    where,
    data: {
      ...fields,
      status,
      attemptCount: Math.max(attempt, existing.attemptCount),
      ...(kind === "paid" ? { amountPaidCents: invoice.amount_paid ?? invoice.amount_due, nextPaymentAttemptAt: null, paidAt: max(existing.paidAt, paidAt) } : {}),
      ...(kind !== "paid" && newer && status !== "paid" ? { nextPaymentAttemptAt: unixToDate(invoice.next_payment_attempt) } : {}),
    },
    select: { id: true },
  });
  return { alreadyPaid: existing.status === "paid" };
}

function dunningInput(kind: DunningInput["kind"], invoice: DunningInvoice, object: InvoiceObject): DunningInput {
  const attempt = object.attempt_count ?? 1;
  switch (kind) {
    case "paid":
      return { kind, invoice };
    case "payment_failed":
      return { kind, invoice, attempt, nextPaymentAttemptAt: unixToDate(object.next_payment_attempt) };
    case "action_required":
      return { kind, invoice, attempt };
  }
}

const SKIP_NOTES: Readonly<Record<NonNullable<DunningDecision["skipped"]>, string>> = {
  "already-paid": "The invoice is already paid: nothing changed.",
  "older-than-paid": "Older than the newest paid invoice: nothing changed.",
  "stale-attempt": "An earlier attempt than the one stored: nothing changed.",
};

export async function handleInvoiceEvent(event: StoredBillingEvent, type: InvoiceEventType): Promise<HandlerResult> {
  const parsed = ZInvoice.safeParse(event.object);
  if (!parsed.success) throw new ValidationError("The billing event does not carry a valid invoice.");
  const object = parsed.data;
  const refs = { customerId: object.customer, subscriptionId: invoiceSubscriptionId(object), metadata: object.metadata };
  const teamId = await teamOfEvent(event, refs);
  if (!teamId) return { outcome: "ignored", teamId: null, note: logUnknownTeam(event, refs) };
  const kind = INVOICE_EVENT_KINDS[type];

  // The team's subscription row exists before the transaction locks it (teams from before billing get theirs now).
  await getSubscription(teamId);
  const decision = await getBaseDb().$transaction(async (tx) => {
    // Serializes this team's billing changes: the row lock is held to the end of the transaction.
    await tx.subscription.updateMany({ where: { teamId }, data: { teamId } });
    const { alreadyPaid } = await storeInvoice(tx, event, teamId, kind, object);
    const invoice: DunningInvoice = {
      id: object.id,
      label: object.number ?? object.id,
      created: unixToDate(object.created) ?? event.created,
      alreadyPaid,
    };
    return applyDunning(tx, teamId, dunningInput(kind, invoice, object));
  });
  if (decision.teamStatusChanged) invalidateTeamAccess(teamId);

  // This try's steps, and those an earlier try planned but may not have handed over (it crashed).
  const steps = await plannedSteps(teamId, candidateStepKeys(kind, object.id, object.attempt_count ?? 1));
  await scheduleDunningSteps(teamId, steps);
  return { outcome: "processed", teamId, note: decision.skipped ? SKIP_NOTES[decision.skipped] : null };
}
