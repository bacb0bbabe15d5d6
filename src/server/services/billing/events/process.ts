import { z } from "zod";
import { getBaseDb } from "../../../db/client";
import { NotFoundError, ValidationError } from "../../../errors";
import { describeError } from "../../../log";
import { handleCheckoutCompleted } from "./checkout-events";
import { handleInvoiceEvent, INVOICE_EVENT_KINDS, type InvoiceEventType } from "./invoice-events";
import { handleSubscriptionEvent } from "./subscription-events";
import { ZBillingEventSource, type HandlerResult, type StoredBillingEvent } from "./types";

/**
 * Processing of one stored billing event (what the process-billing-event job
 * runs). Idempotent: a PROCESSED or IGNORED event is done and is not touched
 * again; a RECEIVED or FAILED one is (re)processed, and every handler is safe to
 * run twice (state carries the provider's own time, ledger rows their keys).
 * A failure marks the event FAILED with a safe one-line error and is thrown, so
 * the job retries it.
 */

const SUBSCRIPTION_TYPES: ReadonlySet<string> = new Set(["customer.subscription.created", "customer.subscription.updated", "customer.subscription.deleted"]);

function isInvoiceType(type: string): type is InvoiceEventType {
  return Object.hasOwn(INVOICE_EVENT_KINDS, type);
}

/** The event types this app acts on; anything else is stored and marked IGNORED. */
export function isHandledEventType(type: string): boolean {
  return type === "checkout.session.completed" || SUBSCRIPTION_TYPES.has(type) || isInvoiceType(type);
}

async function handle(event: StoredBillingEvent): Promise<HandlerResult> {
  if (event.type === "checkout.session.completed") return handleCheckoutCompleted(event);
  if (SUBSCRIPTION_TYPES.has(event.type)) return handleSubscriptionEvent(event);
  if (isInvoiceType(event.type)) return handleInvoiceEvent(event, event.type);
  return { outcome: "ignored", teamId: null, note: "Event type not handled." };
}

const ZStoredPayload = z.object({ data: z.object({ object: z.record(z.string(), z.unknown()) }) });
const ZEventRowId = z.string().min(1).max(64);

const OPEN_STATUSES = ["RECEIVED", "FAILED"] as const;

export async function processBillingEvent(billingEventId: string): Promise<"processed" | "ignored"> {
  const id = ZEventRowId.safeParse(billingEventId);
  if (!id.success) throw new NotFoundError("Billing event");
  const db = getBaseDb();
  const row = await db.billingEvent.findUnique({
    where: { id: id.data },
    select: { id: true, source: true, externalId: true, type: true, occurredAt: true, payload: true, status: true },
  });
  if (!row) throw new NotFoundError("Billing event");
  if (row.status === "PROCESSED") return "processed";
  if (row.status === "IGNORED") return "ignored";

  const open = { id: row.id, status: { in: [...OPEN_STATUSES] } };
  await db.billingEvent.updateMany({ where: open, data: { attempts: { increment: 1 } } });
  try {
    const source = ZBillingEventSource.safeParse(row.source);
    const payload = ZStoredPayload.safeParse(row.payload);
    if (!source.success || !payload.success) throw new ValidationError("The stored billing event is not valid.");
    const result = await handle({
      rowId: row.id,
      source: source.data,
      eventId: row.externalId,
      type: row.type,
      created: row.occurredAt,
      object: payload.data.data.object,
    });
    await db.billingEvent.updateMany({
      where: open,
      data: {
        status: result.outcome === "processed" ? "PROCESSED" : "IGNORED",
        teamId: result.teamId,
        error: result.note,
        processedAt: new Date(),
      },
    });
    return result.outcome;
  } catch (error) {
    await db.billingEvent
      .updateMany({ where: open, data: { status: "FAILED", error: describeError(error).slice(0, 1_000) } })
      .catch((markError: unknown) => console.error(`[billing] event ${row.externalId}: could not record its failure: ${describeError(markError)}`));
    throw error;
  }
}
