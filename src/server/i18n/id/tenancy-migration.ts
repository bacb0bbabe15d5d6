/** Indonesian for the tenancy-migration area's server messages (see ../messages-id.ts). */
export const TENANCY_MIGRATION_ID: Readonly<Record<string, string>> = {};
