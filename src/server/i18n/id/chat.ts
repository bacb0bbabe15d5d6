/** Indonesian for the chat area's server messages (see ../messages-id.ts). */
export const CHAT_ID: Readonly<Record<string, string>> = {};
