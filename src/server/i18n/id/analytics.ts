/** Indonesian for the analytics area's server messages (see ../messages-id.ts). */
export const ANALYTICS_ID: Readonly<Record<string, string>> = {};
