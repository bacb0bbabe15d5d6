/**
 * Dunning as a pure state machine: given what is stored about a team's payments
 * and one invoice event, the next state and the steps to take (messages). No
 * I/O, so every rule is tested without a database; dunning.ts persists it.
 *
 * Rules (feature 12):
 * - A failed attempt moves the subscription to PAST_DUE, the payment method to
 *   "failing", and the failure count to max(stored, attempt): a late delivery of
 *   an earlier attempt never lowers it. Each attempt warns once; from the
 *   LOCK_AFTER_ATTEMPTS-th on the team is SOFT_LOCKED (reads and exports work,
 *   mutations are refused; nothing is deleted).
 * - A failure of an invoice older than the newest paid one, or of an invoice
 *   already paid, is history: it changes nothing (out-of-order delivery).
 * - A payment of the invoice being collected, or of a newer one, ends dunning at
 *   once: counters reset, payment method "ok", the billing lock lifted. A
 *   READ_ONLY team (locked for another reason) is left alone.
 * - Replaying an event whose state is already stored decides the same steps
 *   again (their keys make them happen once), so a crash between storing the
 *   state and scheduling the messages is resumed by processing the event again.
 */
import type { SubscriptionStatus, TeamStatus } from "../../db/generated/client";

/** The failed attempt after which the team is locked. */
export const LOCK_AFTER_ATTEMPTS = 3;

export type DunningState = {
  subscriptionStatus: SubscriptionStatus;
  /** "none" | "ok" | "failing" | "action_required" */
  paymentMethodStatus: string;
  failedPaymentCount: number;
  dunningInvoiceId: string | null;
  dunningInvoiceAt: Date | null;
  nextPaymentAttemptAt: Date | null;
  lastPaidInvoiceAt: Date | null;
  teamStatus: TeamStatus;
  teamStatusReason: string | null;
};

export type DunningInvoice = {
  id: string;
  /** The invoice number shown to people (INV-…), else its id. */
  label: string;
  /** The provider's creation time of the invoice. */
  created: Date;
  /** The stored invoice was already paid before this event. */
  alreadyPaid: boolean;
};

export type DunningInput =
  | { kind: "payment_failed"; invoice: DunningInvoice; attempt: number; nextPaymentAttemptAt: Date | null }
  | { kind: "paid"; invoice: DunningInvoice }
  | { kind: "action_required"; invoice: DunningInvoice; attempt: number };

export type DunningAction = "warn" | "lock" | "recover" | "action_required";

export type DunningStep = { action: DunningAction; invoiceId: string; attempt: number };

export type DunningDecision = {
  next: DunningState;
  steps: DunningStep[];
  /** Why nothing changed, for the event's record (null when the event applied). */
  skipped: "already-paid" | "older-than-paid" | "stale-attempt" | null;
};

const DUNNING_STATUSES: ReadonlySet<SubscriptionStatus> = new Set(["ACTIVE", "TRIALING"]);

export function lockReason(count: number, invoiceLabel: string): string {
  return `Payment failed ${count} times (invoice ${invoiceLabel}); update the payment method in Billing settings.`;
}

function isOlderThanPaid(state: DunningState, invoice: DunningInvoice): boolean {
  return state.lastPaidInvoiceAt !== null && invoice.created.getTime() < state.lastPaidInvoiceAt.getTime();
}

function onFailure(state: DunningState, input: Extract<DunningInput, { kind: "payment_failed" }>): DunningDecision {
  const { invoice } = input;
  if (invoice.alreadyPaid) return { next: state, steps: [], skipped: "already-paid" };
  if (isOlderThanPaid(state, invoice)) return { next: state, steps: [], skipped: "older-than-paid" };
  const attempt = Math.max(1, input.attempt);
  const sameInvoice = state.dunningInvoiceId === invoice.id;
  // An earlier attempt of the invoice being collected, delivered late: its warning would be out of date.
  if (sameInvoice && attempt < state.failedPaymentCount) return { next: state, steps: [], skipped: "stale-attempt" };

  const count = Math.max(state.failedPaymentCount, attempt);
  // The newest failing invoice is the one being collected; an older one failing meanwhile counts, but does not take over.
  const tracks = state.dunningInvoiceId === null || state.dunningInvoiceAt === null || sameInvoice || invoice.created.getTime() >= state.dunningInvoiceAt.getTime();
  const lock = count >= LOCK_AFTER_ATTEMPTS;
  const next: DunningState = {
    ...state,
    subscriptionStatus: DUNNING_STATUSES.has(state.subscriptionStatus) ? "PAST_DUE" : state.subscriptionStatus,
    paymentMethodStatus: "failing",
    failedPaymentCount: count,
    dunningInvoiceId: tracks ? invoice.id : state.dunningInvoiceId,
    dunningInvoiceAt: tracks ? invoice.created : state.dunningInvoiceAt,
    nextPaymentAttemptAt: tracks ? input.nextPaymentAttemptAt : state.nextPaymentAttemptAt,
  };
  if (lock && state.teamStatus === "ACTIVE") {
    next.teamStatus = "SOFT_LOCKED";
    next.teamStatusReason = lockReason(count, invoice.label);
  }
  return { next, steps: [{ action: lock ? "lock" : "warn", invoiceId: invoice.id, attempt }], skipped: null };
}

function onPaid(state: DunningState, input: Extract<DunningInput, { kind: "paid" }>): DunningDecision {
  const { invoice } = input;
  const lastPaidInvoiceAt =
    state.lastPaidInvoiceAt === null || invoice.created.getTime() > state.lastPaidInvoiceAt.getTime() ? invoice.created : state.lastPaidInvoiceAt;
  const inDunning = state.dunningInvoiceId !== null;
  const recovers =
    inDunning && (state.dunningInvoiceId === invoice.id || (state.dunningInvoiceAt !== null && invoice.created.getTime() >= state.dunningInvoiceAt.getTime()));
  if (!recovers) {
    // Payment of an older invoice while a newer one is still being collected: dunning goes on.
    return {
      next: { ...state, lastPaidInvoiceAt, paymentMethodStatus: inDunning ? state.paymentMethodStatus : "ok" },
      steps: [],
      skipped: null,
    };
  }
  const unlock = state.teamStatus === "SOFT_LOCKED";
  return {
    next: {
      ...state,
      lastPaidInvoiceAt,
      subscriptionStatus: state.subscriptionStatus === "PAST_DUE" ? "ACTIVE" : state.subscriptionStatus,
      paymentMethodStatus: "ok",
      failedPaymentCount: 0,
      dunningInvoiceId: null,
      dunningInvoiceAt: null,
      nextPaymentAttemptAt: null,
      teamStatus: unlock ? "ACTIVE" : state.teamStatus,
      teamStatusReason: unlock ? null : state.teamStatusReason,
    },
    // The attempt of a recovery is how many had failed: its message says whether the team was locked.
    steps: [{ action: "recover", invoiceId: invoice.id, attempt: state.failedPaymentCount }],
    skipped: null,
  };
}

function onActionRequired(state: DunningState, input: Extract<DunningInput, { kind: "action_required" }>): DunningDecision {
  const { invoice } = input;
  if (invoice.alreadyPaid) return { next: state, steps: [], skipped: "already-paid" };
  if (isOlderThanPaid(state, invoice)) return { next: state, steps: [], skipped: "older-than-paid" };
  // Not a failure: the bank wants the customer to confirm (3-D Secure). No count, no lock.
  return {
    next: { ...state, paymentMethodStatus: "action_required" },
    steps: [{ action: "action_required", invoiceId: invoice.id, attempt: Math.max(1, input.attempt) }],
    skipped: null,
  };
}

export function decideDunning(state: DunningState, input: DunningInput): DunningDecision {
  switch (input.kind) {
    case "payment_failed":
      return onFailure(state, input);
    case "paid":
      return onPaid(state, input);
    case "action_required":
      return onActionRequired(state, input);
  }
}

const ACTIONS: readonly DunningAction[] = ["warn", "lock", "recover", "action_required"];

function isDunningAction(value: string): value is DunningAction {
  return (ACTIONS as readonly string[]).includes(value);
}

/** The once-only key of a step: also its job's key, and the prefix of its messages' keys. */
export function dunningStepKey(step: DunningStep): string {
  return `dunning:${step.action}:${step.invoiceId}:${step.attempt}`;
}

/** The step a key names (the inverse of dunningStepKey), or null for another kind of key. */
export function parseDunningStepKey(key: string): DunningStep | null {
  const parts = key.split(":");
  if (parts.length < 4 || parts[0] !== "dunning") return null;
  const action = parts[1] ?? "";
  const attempt = Number(parts[parts.length - 1]);
  const invoiceId = parts.slice(2, -1).join(":");
  if (!isDunningAction(action) || !Number.isInteger(attempt) || attempt < 0 || !invoiceId) return null;
  return { action, invoiceId, attempt };
}
