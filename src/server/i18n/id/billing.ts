/** Indonesian for the billing area's server messages (see ../messages-id.ts). */
export const BILLING_ID: Readonly<Record<string, string>> = {};
