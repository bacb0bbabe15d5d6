import { DomainError } from "@/server/errors";
import type { TenantTx } from "./events";

/**
 * Invoice numbers: INV-YYYY-NNNN, unique per team (a database constraint), counted
 * per year of the issue date and padded to four digits (a fifth digit appears
 * after 9999).
 *
 * A number is never given out twice, even after the draft that had it is deleted:
 * each team keeps the last number it issued per year (InvoiceNumberSequence) and
 * only ever counts up. The counter is taken inside the invoice's transaction, so
 * its row stays locked until that transaction ends: concurrent creators wait in
 * turn (each gets the next number), and a creation that rolls back hands its
 * number back with it, leaving no gap.
 */
export const NUMBER_PADDING = 4;

export function formatInvoiceNumber(year: number, sequence: number): string {
  return `INV-${year}-${String(sequence).padStart(NUMBER_PADDING, "0")}`;
}

function sequenceOf(number: string, prefix: string): number {
  const rest = number.slice(prefix.length);
  return /^\d+$/.test(rest) ? Number(rest) : 0;
}

/** The highest number issued in a year, read from the invoices (for a year without a counter yet). */
async function highestIssued(tx: TenantTx, year: number): Promise<number> {
  const prefix = `INV-${year}-`;
  // Among numbers of one width, text order is numeric order, so the last one in
  // text order is the highest, read from the (teamId, number) unique index.
  const last = await tx.invoice.findFirst({
    where: { number: { startsWith: prefix } },
    orderBy: { number: "desc" },
    select: { number: true },
  });
  if (!last) return 0;
  // "INV-2026-9999" sorts after "INV-2026-10000": once a width is full (all
  // nines), wider numbers may exist, and only a full read knows the highest.
  if (!/^9+$/.test(last.number.slice(prefix.length))) return sequenceOf(last.number, prefix);
  const all = await tx.invoice.findMany({ where: { number: { startsWith: prefix } }, select: { number: true } });
  return all.reduce((max, row) => Math.max(max, sequenceOf(row.number, prefix)), 0);
}

/** Counts the year's counter up by one and returns the new value, or null when the year has no counter yet. */
async function increment(tx: TenantTx, year: number): Promise<number | null> {
  // An UPDATE, not read-then-write: it locks the row, and a creator waiting on
  // the lock re-reads the committed value before adding one.
  const [row] = await tx.invoiceNumberSequence.updateManyAndReturn({
    where: { year },
    data: { last: { increment: 1 } },
    select: { last: true },
  });
  return row?.last ?? null;
}

/** Takes the next number of the year; call inside the transaction that creates the invoice. */
export async function nextInvoiceNumber(tx: TenantTx, year: number): Promise<string> {
  const taken = await increment(tx, year);
  if (taken !== null) return formatInvoiceNumber(year, taken);

  // The year's first invoice: start the counter after anything already issued.
  // ON CONFLICT DO NOTHING (skipDuplicates) rather than a plain insert: when a
  // concurrent creator starts the same counter first, a failed INSERT would abort
  // this transaction, while this waits for that creator, inserts nothing, and the
  // increment below then counts on from the number it took.
  const next = (await highestIssued(tx, year)) + 1;
  const { count } = await tx.invoiceNumberSequence.createMany({ data: [{ year, last: next }], skipDuplicates: true });
  if (count === 1) return formatInvoiceNumber(year, next);
  const after = await increment(tx, year);
  // Unreachable while the counter row cannot be deleted (nothing deletes it): said plainly if it ever happens.
  if (after === null) throw new DomainError("INTERNAL", "The invoice number could not be assigned. Please try again.");
  return formatInvoiceNumber(year, after);
}
