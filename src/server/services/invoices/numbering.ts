import type { TenantTx } from "./events";

/**
 * Invoice numbers: INV-YYYY-NNNN, unique per team (a database constraint), counted
 * per year of the issue date and padded to four digits (a fifth digit appears
 * after 9999). Two concurrent creations may pick the same number: the unique
 * constraint refuses the second and createInvoice retries with a fresh read.
 */
export const NUMBER_PADDING = 4;

export function formatInvoiceNumber(year: number, sequence: number): string {
  return `INV-${year}-${String(sequence).padStart(NUMBER_PADDING, "0")}`;
}

function sequenceOf(number: string, prefix: string): number {
  const rest = number.slice(prefix.length);
  return /^\d+$/.test(rest) ? Number(rest) : 0;
}

export async function nextInvoiceNumber(tx: TenantTx, year: number): Promise<string> {
  const prefix = `INV-${year}-`;
  // Among numbers of one width, text order is numeric order, so the last one in
  // text order is the highest, read from the (teamId, number) unique index.
  const last = await tx.invoice.findFirst({
    where: { number: { startsWith: prefix } },
    orderBy: { number: "desc" },
    select: { number: true },
  });
  let highest = last ? sequenceOf(last.number, prefix) : 0;
  // "INV-2026-9999" sorts after "INV-2026-10000": once a width is full (all
  // nines), wider numbers may exist, and only a full read knows the highest.
  if (last && /^9+$/.test(last.number.slice(prefix.length))) {
    const all = await tx.invoice.findMany({ where: { number: { startsWith: prefix } }, select: { number: true } });
    highest = all.reduce((max, row) => Math.max(max, sequenceOf(row.number, prefix)), highest);
  }
  return formatInvoiceNumber(year, highest + 1);
}
