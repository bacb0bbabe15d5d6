/** Indonesian for the rate limiter's server messages (see ../messages-id.ts). */
export const RATE_LIMIT_ID: Readonly<Record<string, string>> = {
  "Too many requests. Please wait {0} seconds and try again.": "Terlalu banyak permintaan. Silakan tunggu {0} detik lalu coba lagi.",
};
