import { z } from "zod";

/** A stored billing event as the handlers see it (from the BillingEvent row). */
export type StoredBillingEvent = {
  /** The BillingEvent row's id. */
  rowId: string;
  source: "stripe" | "local";
  /** The provider's event id (evt_…). */
  eventId: string;
  type: string;
  /** The provider's creation time of the event: the state time of what it carries. */
  created: Date;
  object: Record<string, unknown>;
};

/** What processing an event came to. `note` says why nothing was applied (stored on the row for operators). */
export type HandlerResult = { outcome: "processed" | "ignored"; teamId: string | null; note: string | null };

export const BILLING_EVENT_SOURCES = ["stripe", "local"] as const;
export const ZBillingEventSource = z.enum(BILLING_EVENT_SOURCES);

/** The idempotency key of the revenue ledger row a provider event may add. */
export function revenueSourceKey(event: Pick<StoredBillingEvent, "source" | "eventId">): string {
  return `${event.source}:${event.eventId}`;
}
