/** Indonesian for the billing-stripe area's server messages (see ../messages-id.ts). */
export const BILLING_STRIPE_ID: Readonly<Record<string, string>> = {};
