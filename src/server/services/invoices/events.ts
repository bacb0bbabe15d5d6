import type { TenantClient } from "@/server/db/tenant-client";
import { utcToIsoDate } from "@/lib/invoices/dates";

/**
 * The one place invoice events are written. Every change to an invoice emits its
 * event through emitInvoiceEvent, inside the transaction of the change: the event
 * exists if and only if the change committed, exactly once. Webhook delivery reads
 * DomainEvent later; nothing here talks to the network.
 */
export const INVOICE_EVENT_TYPES = [
  "invoice.created",
  "invoice.updated",
  "invoice.sent",
  "invoice.paid",
  "invoice.overdue",
  "invoice.voided",
  "invoice.deleted",
] as const;
export type InvoiceEventType = (typeof INVOICE_EVENT_TYPES)[number];

/** A transaction of the tenant client (the argument of `db.$transaction(async (tx) => …)`). */
export type TenantTx = Parameters<Parameters<TenantClient["$transaction"]>[0]>[0];

/** What an event says about its invoice. */
export type InvoiceEventSubject = {
  id: string;
  number: string;
  status: string;
  customerId: string;
  currency: string;
  issueDate: Date;
  dueDate: Date;
  totalMinor: bigint;
  version: number;
};

/** Select this to have every field an event needs. */
export const invoiceEventSubjectSelect = {
  id: true,
  number: true,
  status: true,
  customerId: true,
  currency: true,
  issueDate: true,
  dueDate: true,
  totalMinor: true,
  version: true,
} as const;

/**
 * The payload is JSON for outside consumers: amounts as decimal-free integer
 * strings of minor units (JSON numbers lose precision past 2^53), dates as
 * YYYY-MM-DD.
 */
export function invoiceEventPayload(invoice: InvoiceEventSubject) {
  return {
    id: invoice.id,
    number: invoice.number,
    status: invoice.status,
    customerId: invoice.customerId,
    currency: invoice.currency,
    issueDate: utcToIsoDate(invoice.issueDate),
    dueDate: utcToIsoDate(invoice.dueDate),
    totalMinor: invoice.totalMinor.toString(),
    version: invoice.version,
  };
}

/** Call with the transaction client of the write it describes, never with the plain client. */
export async function emitInvoiceEvent(tx: TenantTx, type: InvoiceEventType, invoice: InvoiceEventSubject): Promise<void> {
  await tx.domainEvent.create({
    data: { type, subjectId: invoice.id, payload: invoiceEventPayload(invoice) },
    select: { id: true },
  });
}
