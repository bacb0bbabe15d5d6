/** Indonesian for the usage area's server messages (see ../messages-id.ts). */
export const USAGE_ID: Readonly<Record<string, string>> = {};
