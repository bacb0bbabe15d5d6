/** Indonesian for the billing-usage area's server messages (see ../messages-id.ts). */
export const BILLING_USAGE_ID: Readonly<Record<string, string>> = {};
