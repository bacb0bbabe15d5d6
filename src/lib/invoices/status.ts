/**
 * The invoice life cycle, shared by the API (which enforces it) and the UI (which
 * offers only the actions that can succeed).
 *
 *   DRAFT ──send──▶ SENT ──(due date passes)──▶ OVERDUE
 *     │               │  └──markPaid──▶ PAID ◀──markPaid──┘
 *     └────void───────┴────void──▶ VOID ◀──void── OVERDUE
 *
 * PAID and VOID are final: nothing edits them. Only a DRAFT may be deleted (a sent
 * invoice is voided instead, so its number stays accounted for).
 */
export const INVOICE_STATUSES = ["DRAFT", "SENT", "PAID", "OVERDUE", "VOID"] as const;
export type InvoiceStatusName = (typeof INVOICE_STATUSES)[number];

export type InvoiceAction = "send" | "markPaid" | "void" | "markOverdue";

export const TRANSITIONS: Record<InvoiceAction, { from: readonly InvoiceStatusName[]; to: InvoiceStatusName }> = {
  send: { from: ["DRAFT"], to: "SENT" },
  markPaid: { from: ["SENT", "OVERDUE"], to: "PAID" },
  void: { from: ["DRAFT", "SENT", "OVERDUE"], to: "VOID" },
  markOverdue: { from: ["SENT"], to: "OVERDUE" },
};

export const EDITABLE_STATUSES: readonly InvoiceStatusName[] = ["DRAFT", "SENT", "OVERDUE"];

export function canEdit(status: InvoiceStatusName): boolean {
  return EDITABLE_STATUSES.includes(status);
}

export function canDelete(status: InvoiceStatusName): boolean {
  return status === "DRAFT";
}

export function canTransition(status: InvoiceStatusName, action: InvoiceAction): boolean {
  return TRANSITIONS[action].from.includes(status);
}

/**
 * What to show: a SENT invoice whose due date has passed is overdue even before
 * the daily job has marked it (`today` and `dueDate` as YYYY-MM-DD).
 */
export function effectiveStatus(status: InvoiceStatusName, dueDate: string, today: string): InvoiceStatusName {
  return status === "SENT" && dueDate < today ? "OVERDUE" : status;
}
