import { ConflictError, NotFoundError, ValidationError } from "@/server/errors";
import { Prisma } from "@/server/db/generated/client";
import type { TenantClient } from "@/server/db/tenant-client";
import { isoDateToUtc, utcToIsoDate } from "@/lib/invoices/dates";
import { canDelete, canEdit, canTransition, EDITABLE_STATUSES, TRANSITIONS, type InvoiceAction, type InvoiceStatusName } from "@/lib/invoices/status";
import { emitInvoiceEvent, invoiceEventSubjectSelect, type InvoiceEventType, type TenantTx } from "./events";
import { parseInvoiceLines, totalsForStorage, type InvoiceLineInput, type InvoiceLineValues } from "./lines";
import { storedCurrency, type CurrencyCode } from "./money";
import { nextInvoiceNumber } from "./numbering";
import { invoiceDetailSelect } from "./select";

/**
 * Invoice writes, shared by the API and the jobs. Each one is a single
 * transaction that checks the expected version, applies the change, recomputes
 * the totals from the lines (never trusting the caller's) and emits its event, so
 * a change and its event commit together or not at all.
 */

export type InvoiceInput = {
  customerId: string;
  currency: CurrencyCode;
  /** YYYY-MM-DD */
  issueDate: string;
  dueDate: string;
  taxRateBps: number;
  discountBps: number;
  notes: string | null;
  lines: InvoiceLineInput[];
};

export type InvoiceDetailRow = Prisma.InvoiceGetPayload<{ select: typeof invoiceDetailSelect }>;

function assertDueNotBeforeIssue(issueDate: string, dueDate: string): void {
  if (dueDate < issueDate) throw new ValidationError("The due date cannot be before the issue date.", "dueDate");
}

async function assertCustomer(tx: TenantTx, customerId: string): Promise<void> {
  const customer = await tx.customer.findFirst({ where: { id: customerId }, select: { id: true } });
  if (!customer) throw new NotFoundError("Customer");
}

function lineRows(lines: readonly InvoiceLineValues[], amounts: readonly bigint[]) {
  return lines.map((line, position) => ({
    position,
    description: line.description,
    quantityMilli: line.quantityMilli,
    unitPriceMinor: line.unitPriceMinor,
    amountMinor: amounts[position] ?? 0n,
  }));
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

/**
 * Creates a DRAFT with the year's next number. Concurrent creations queue on the
 * year's counter (see numbering.ts), so each gets its own number without retries.
 */
export async function createInvoice(db: TenantClient, input: InvoiceInput & { createdById: string | null }): Promise<InvoiceDetailRow> {
  assertDueNotBeforeIssue(input.issueDate, input.dueDate);
  const lines = parseInvoiceLines(input.lines, input.currency);
  const totals = totalsForStorage({ lines, discountBps: input.discountBps, taxRateBps: input.taxRateBps });
  const year = Number(input.issueDate.slice(0, 4));
  try {
    return await db.$transaction(async (tx) => {
      await assertCustomer(tx, input.customerId);
      const invoice = await tx.invoice.create({
        data: {
          number: await nextInvoiceNumber(tx, year),
          customerId: input.customerId,
          currency: input.currency,
          issueDate: isoDateToUtc(input.issueDate),
          dueDate: isoDateToUtc(input.dueDate),
          taxRateBps: input.taxRateBps,
          discountBps: input.discountBps,
          subtotalMinor: totals.subtotalMinor,
          discountMinor: totals.discountMinor,
          taxMinor: totals.taxMinor,
          totalMinor: totals.totalMinor,
          notes: input.notes,
          createdById: input.createdById,
          lines: { create: lineRows(lines, totals.lineAmountsMinor) },
        },
        select: invoiceDetailSelect,
      });
      await emitInvoiceEvent(tx, "invoice.created", invoice);
      return invoice;
    });
  } catch (error) {
    // The only unique key a new invoice has is (teamId, number): an invoice that
    // holds a number the counter has not reached (written outside the app). A
    // retry would meet the same number, so it is said instead of retried.
    if (isUniqueViolation(error)) {
      throw new ConflictError("The next invoice number is already used by another invoice. Ask an administrator to check the invoice numbering.");
    }
    throw error;
  }
}

const FINAL_STATE_MESSAGES: Record<"PAID" | "VOID", string> = {
  PAID: "This invoice is paid: it can no longer be changed.",
  VOID: "This invoice is void: it can no longer be changed.",
};

function refuseFinal(status: InvoiceStatusName): never {
  if (status === "PAID" || status === "VOID") throw new ConflictError(FINAL_STATE_MESSAGES[status]);
  throw new ConflictError("This invoice cannot be changed in its current status.");
}

const STALE = "Someone else changed this invoice meanwhile. Reload it and try again.";

async function loadForWrite(tx: TenantTx, id: string, expectedVersion: number) {
  const current = await tx.invoice.findFirst({ where: { id }, select: invoiceDetailSelect });
  if (!current) throw new NotFoundError("Invoice");
  if (current.version !== expectedVersion) throw new ConflictError(STALE);
  return current;
}

/** Changes what is given; the totals are recomputed from the resulting lines, tax rate and discount. */
export async function updateInvoice(
  db: TenantClient,
  input: { id: string; expectedVersion: number; changes: Partial<InvoiceInput>; today: string },
): Promise<InvoiceDetailRow> {
  return db.$transaction(async (tx) => {
    const current = await loadForWrite(tx, input.id, input.expectedVersion);
    if (!canEdit(current.status)) refuseFinal(current.status);
    const { changes } = input;
    const currency = changes.currency ?? storedCurrency(current.currency);
    if (currency !== current.currency && changes.lines === undefined) {
      throw new ValidationError("Send the line items again when you change the currency: their prices depend on it.", "lines");
    }
    const issueDate = changes.issueDate ?? utcToIsoDate(current.issueDate);
    const dueDate = changes.dueDate ?? utcToIsoDate(current.dueDate);
    assertDueNotBeforeIssue(issueDate, dueDate);
    if (changes.customerId !== undefined && changes.customerId !== current.customerId) await assertCustomer(tx, changes.customerId);

    const lines: InvoiceLineValues[] = changes.lines
      ? parseInvoiceLines(changes.lines, currency)
      : current.lines.map((line) => ({ description: line.description, quantityMilli: line.quantityMilli, unitPriceMinor: line.unitPriceMinor }));
    const taxRateBps = changes.taxRateBps ?? current.taxRateBps;
    const discountBps = changes.discountBps ?? current.discountBps;
    const totals = totalsForStorage({ lines, discountBps, taxRateBps });
    // Moving the due date of an overdue invoice to today or later makes it current again.
    const status = current.status === "OVERDUE" && dueDate >= input.today ? "SENT" : current.status;

    const { count } = await tx.invoice.updateMany({
      where: { id: input.id, version: input.expectedVersion, status: { in: [...EDITABLE_STATUSES] } },
      data: {
        ...(changes.customerId !== undefined ? { customerId: changes.customerId } : {}),
        ...(changes.notes !== undefined ? { notes: changes.notes } : {}),
        currency,
        issueDate: isoDateToUtc(issueDate),
        dueDate: isoDateToUtc(dueDate),
        taxRateBps,
        discountBps,
        status,
        subtotalMinor: totals.subtotalMinor,
        discountMinor: totals.discountMinor,
        taxMinor: totals.taxMinor,
        totalMinor: totals.totalMinor,
        version: { increment: 1 },
      },
    });
    if (count === 0) throw new ConflictError(STALE);
    if (changes.lines) {
      await tx.invoiceLine.deleteMany({ where: { invoiceId: input.id } });
      await tx.invoiceLine.createMany({
        data: lineRows(lines, totals.lineAmountsMinor).map((row) => ({ ...row, invoiceId: input.id })),
      });
    }
    const updated = await tx.invoice.findFirstOrThrow({ where: { id: input.id }, select: invoiceDetailSelect });
    await emitInvoiceEvent(tx, "invoice.updated", updated);
    return updated;
  });
}

const EVENT_OF: Record<InvoiceAction, InvoiceEventType> = {
  send: "invoice.sent",
  markPaid: "invoice.paid",
  void: "invoice.voided",
  markOverdue: "invoice.overdue",
};

const REFUSED_TRANSITION: Record<InvoiceAction, string> = {
  send: "Only a draft can be sent.",
  markPaid: "Only a sent or overdue invoice can be marked as paid.",
  void: "Only a draft, sent or overdue invoice can be voided.",
  markOverdue: "Only a sent invoice can become overdue.",
};

/** send, markPaid, void: checks the life cycle (src/lib/invoices/status.ts) and the version. */
export async function transitionInvoice(
  db: TenantClient,
  input: { id: string; expectedVersion: number; action: InvoiceAction; now?: Date },
): Promise<InvoiceDetailRow> {
  const now = input.now ?? new Date();
  const { from, to } = TRANSITIONS[input.action];
  return db.$transaction(async (tx) => {
    const current = await loadForWrite(tx, input.id, input.expectedVersion);
    if (!canTransition(current.status, input.action)) throw new ConflictError(REFUSED_TRANSITION[input.action]);
    if (input.action === "send" && current.lines.length === 0) {
      throw new ValidationError("Add at least one line item before sending the invoice.", "lines");
    }
    const { count } = await tx.invoice.updateMany({
      where: { id: input.id, version: input.expectedVersion, status: { in: [...from] } },
      data: {
        status: to,
        version: { increment: 1 },
        ...(input.action === "send" ? { sentAt: now } : {}),
        ...(input.action === "markPaid" ? { paidAt: now } : {}),
        ...(input.action === "void" ? { voidedAt: now } : {}),
      },
    });
    if (count === 0) throw new ConflictError(STALE);
    const updated = await tx.invoice.findFirstOrThrow({ where: { id: input.id }, select: invoiceDetailSelect });
    await emitInvoiceEvent(tx, EVENT_OF[input.action], updated);
    return updated;
  });
}

/** Only drafts are deleted; anything sent is voided instead, so its number stays accounted for. */
export async function deleteInvoice(db: TenantClient, input: { id: string; expectedVersion: number }): Promise<{ id: string }> {
  return db.$transaction(async (tx) => {
    const current = await loadForWrite(tx, input.id, input.expectedVersion);
    if (!canDelete(current.status)) throw new ConflictError("Only a draft can be deleted: void a sent invoice instead.");
    const { count } = await tx.invoice.deleteMany({ where: { id: input.id, version: input.expectedVersion, status: "DRAFT" } });
    if (count === 0) throw new ConflictError(STALE);
    await emitInvoiceEvent(tx, "invoice.deleted", current);
    return { id: input.id };
  });
}

/**
 * Marks every SENT invoice whose due date is before `today` (the team's local
 * date, YYYY-MM-DD) as OVERDUE, with one invoice.overdue event each, in one
 * transaction. Idempotent: a second run finds nothing left to mark; a run that
 * fails changes nothing and can simply be repeated.
 */
export async function markOverdueInvoices(teamDb: TenantClient, today: string): Promise<{ marked: number }> {
  const cutoff = isoDateToUtc(today);
  return teamDb.$transaction(async (tx) => {
    const marked = await tx.invoice.updateManyAndReturn({
      where: { status: "SENT", dueDate: { lt: cutoff } },
      data: { status: "OVERDUE", version: { increment: 1 } },
      select: invoiceEventSubjectSelect,
    });
    for (const invoice of marked) await emitInvoiceEvent(tx, "invoice.overdue", invoice);
    return { marked: marked.length };
  });
}
