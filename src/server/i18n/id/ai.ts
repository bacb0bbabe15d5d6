/** Indonesian for the ai area's server messages (see ../messages-id.ts). */
export const AI_ID: Readonly<Record<string, string>> = {};
