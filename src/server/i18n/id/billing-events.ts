/** Indonesian for the billing-events area's server messages (see ../messages-id.ts). */
export const BILLING_EVENTS_ID: Readonly<Record<string, string>> = {};
