import { utcToIsoDate } from "@/lib/invoices/dates";
import { effectiveStatus } from "@/lib/invoices/status";
import type { InvoiceDetailRow } from "@/server/services/invoices/invoices";
import { storedCurrency } from "@/server/services/invoices/money";
import type { invoiceListSelect } from "@/server/services/invoices/select";
import type { Prisma } from "@/server/db/generated/client";

/**
 * What the API returns for an invoice: dates as YYYY-MM-DD (calendar dates, no
 * time zone), amounts as BigInt minor units (superjson carries them), and the
 * status as stored plus as shown (a sent invoice past its due date shows OVERDUE).
 */
export function toInvoiceDetail(row: InvoiceDetailRow, today: string) {
  const dueDate = utcToIsoDate(row.dueDate);
  return {
    ...row,
    currency: storedCurrency(row.currency),
    issueDate: utcToIsoDate(row.issueDate),
    dueDate,
    effectiveStatus: effectiveStatus(row.status, dueDate, today),
  };
}
export type InvoiceDetail = ReturnType<typeof toInvoiceDetail>;

type ListRow = Prisma.InvoiceGetPayload<{ select: typeof invoiceListSelect }>;

export function toInvoiceListItem(row: ListRow, today: string) {
  const dueDate = utcToIsoDate(row.dueDate);
  return {
    ...row,
    currency: storedCurrency(row.currency),
    issueDate: utcToIsoDate(row.issueDate),
    dueDate,
    effectiveStatus: effectiveStatus(row.status, dueDate, today),
  };
}
