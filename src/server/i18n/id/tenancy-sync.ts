/** Indonesian for the tenancy-sync area's server messages (see ../messages-id.ts). */
export const TENANCY_SYNC_ID: Readonly<Record<string, string>> = {};
