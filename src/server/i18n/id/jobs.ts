/** Indonesian for the jobs area's server messages (see ../messages-id.ts). */
export const JOBS_ID: Readonly<Record<string, string>> = {};
