/** Indonesian for the invoices area's server messages (see ../messages-id.ts). */
export const INVOICES_ID: Readonly<Record<string, string>> = {};
