import { randomBytes } from "node:crypto";
import { planById } from "@/lib/plans";
import { getBaseDb } from "@/server/db/client";
import { ConflictError } from "@/server/errors";
import { recordBillingEvent, processBillingEvent, type IncomingBillingEvent } from "@/server/services/billing/events/ledger";
import { getBillingProvider } from "@/server/services/billing/provider";
import { currentPeriod, type SubscriptionRow } from "@/server/services/billing/subscriptions";
import { invalidateTeamAccess } from "@/server/services/team/team-access";

/**
 * The embedded billing default's own operations: what Stripe's Customer Portal and
 * its payment attempts do when Stripe is connected. Payment outcomes are written as
 * Stripe-shaped invoice events (source "local") into the same ledger and processed
 * by the same code as Stripe's webhooks, so dunning and unlocking have one path.
 */

/** Local-only operations are refused when Stripe is connected: Stripe owns those states then. */
export function assertLocalBilling(message: string): void {
  if (getBillingProvider().id !== "local") throw new ConflictError(message);
}

const DAY_S = 86_400;
/** Days until the next attempt after the 1st and 2nd failure (Stripe's smart retries are about this). */
const RETRY_DAYS: Readonly<Record<number, number>> = { 1: 3, 2: 5 };
/** The attempt after which collection stops (and dunning locks the team). */
export const FINAL_ATTEMPT = 3;

const unix = (date: Date) => Math.floor(date.getTime() / 1000);

export function newLocalInvoiceId(): string {
  return `in_local_${randomBytes(12).toString("hex")}`;
}

/** A readable number like the local provider's plan invoices (LOCAL-202611-1A2B3C4D). */
function localInvoiceNumber(invoiceId: string, created: Date): string {
  const month = `${created.getUTCFullYear()}${String(created.getUTCMonth() + 1).padStart(2, "0")}`;
  return `LOCAL-${month}-${invoiceId.replace(/^in_local_/, "").slice(0, 8).toUpperCase()}`;
}

export type LocalInvoiceAttempt = {
  teamId: string;
  outcome: "failed" | "paid";
  invoiceId: string;
  /** When the invoice was issued (orders invoices of a team). */
  invoiceCreated: Date;
  /** This attempt's number, 1 for the first. */
  attempt: number;
  amountDueCents: number;
  period: { start: Date; end: Date };
  now: Date;
};

/**
 * A Stripe-shaped invoice event. Its id is derived from the invoice and attempt,
 * so the same attempt recorded twice (a double click, a retried request) is one
 * ledger row.
 */
export function localInvoiceEvent(a: LocalInvoiceAttempt): IncomingBillingEvent {
  const failed = a.outcome === "failed";
  const now = unix(a.now);
  const retryDays = failed ? RETRY_DAYS[a.attempt] : undefined;
  return {
    source: "local",
    id: failed ? `evt_local_failed_${a.invoiceId}_${a.attempt}` : `evt_local_paid_${a.invoiceId}`,
    type: failed ? "invoice.payment_failed" : "invoice.paid",
    created: now,
    data: {
      object: {
        id: a.invoiceId,
        object: "invoice",
        metadata: { teamId: a.teamId },
        created: unix(a.invoiceCreated),
        attempt_count: a.attempt,
        attempted: true,
        next_payment_attempt: retryDays === undefined ? null : now + retryDays * DAY_S,
        amount_due: a.amountDueCents,
        amount_paid: failed ? 0 : a.amountDueCents,
        amount_remaining: failed ? a.amountDueCents : 0,
        currency: "usd",
        status: failed ? "open" : "paid",
        paid: !failed,
        period_start: unix(a.period.start),
        period_end: unix(a.period.end),
        status_transitions: { paid_at: failed ? null : now },
        billing_reason: "subscription_cycle",
        customer: null,
        subscription: null,
        number: localInvoiceNumber(a.invoiceId, a.invoiceCreated),
        hosted_invoice_url: null,
        livemode: false,
      },
    },
  };
}

/**
 * The next payment attempt of the team's subscription: of the invoice being
 * collected (dunning) if there is one, else of a new invoice for the period.
 */
export function nextAttempt(sub: SubscriptionRow, outcome: "failed" | "paid", now: Date): LocalInvoiceAttempt {
  const open = sub.dunningInvoiceId;
  return {
    teamId: sub.teamId,
    outcome,
    invoiceId: open ?? newLocalInvoiceId(),
    invoiceCreated: open && sub.dunningInvoiceAt ? sub.dunningInvoiceAt : now,
    attempt: open ? sub.failedPaymentCount + 1 : 1,
    amountDueCents: planById(sub.planId).monthlyPriceCents,
    period: currentPeriod(sub, now),
    now,
  };
}

/**
 * Records the attempt in the billing-event ledger and processes it at once (the
 * queued job would do the same later; processing is idempotent). Team access is
 * cached per process, so the lock or unlock is made visible here too.
 */
export async function recordAndProcess(attempt: LocalInvoiceAttempt): Promise<{ eventId: string; result: "processed" | "ignored" }> {
  const recorded = await recordBillingEvent(localInvoiceEvent(attempt));
  const result = await processBillingEvent(recorded.id);
  invalidateTeamAccess(attempt.teamId);
  return { eventId: recorded.id, result };
}

/** The team's lock state after a payment event, for the caller to show. */
export async function teamStatusOf(teamId: string) {
  return getBaseDb().team.findUniqueOrThrow({ where: { id: teamId }, select: { status: true, statusReason: true } });
}
