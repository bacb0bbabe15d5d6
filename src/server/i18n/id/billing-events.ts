/** Indonesian for the billing-events area's server messages (see ../messages-id.ts). */
export const BILLING_EVENTS_ID: Readonly<Record<string, string>> = {
  // nouns used inside messages
  "Billing event": "Peristiwa penagihan",

  // the webhook ledger
  "The billing event is not valid.": "Peristiwa penagihan tidak valid.",
  "The stored billing event is not valid.": "Peristiwa penagihan yang tersimpan tidak valid.",
  "The billing event does not carry a valid invoice.": "Peristiwa penagihan tidak memuat faktur yang valid.",
  "The billing event does not carry a valid subscription.": "Peristiwa penagihan tidak memuat langganan yang valid.",
  "The billing event does not carry a valid checkout session.": "Peristiwa penagihan tidak memuat sesi checkout yang valid.",
};
