/** Indonesian for the documents area's server messages (see ../messages-id.ts). */
export const DOCUMENTS_ID: Readonly<Record<string, string>> = {};
