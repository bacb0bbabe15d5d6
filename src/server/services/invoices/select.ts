/** The fields of an invoice the API returns (the event subject's fields included). */
export const invoiceDetailSelect = {
  id: true,
  number: true,
  status: true,
  customerId: true,
  currency: true,
  issueDate: true,
  dueDate: true,
  taxRateBps: true,
  discountBps: true,
  subtotalMinor: true,
  discountMinor: true,
  taxMinor: true,
  totalMinor: true,
  notes: true,
  sentAt: true,
  paidAt: true,
  voidedAt: true,
  createdById: true,
  version: true,
  createdAt: true,
  updatedAt: true,
  customer: { select: { id: true, name: true, email: true, phone: true, address: true, taxId: true } },
  lines: {
    select: { id: true, position: true, description: true, quantityMilli: true, unitPriceMinor: true, amountMinor: true },
    orderBy: { position: "asc" },
  },
} as const;

/** The fields of an invoice in lists. */
export const invoiceListSelect = {
  id: true,
  number: true,
  status: true,
  customerId: true,
  currency: true,
  issueDate: true,
  dueDate: true,
  totalMinor: true,
  version: true,
  createdAt: true,
  customer: { select: { id: true, name: true } },
} as const;
