/** Indonesian for brute-force protection's server messages (see ../messages-id.ts). */
export const BRUTE_FORCE_ID: Readonly<Record<string, string>> = {
  "Too many sign-up attempts from this network. Please try again later.": "Terlalu banyak percobaan pendaftaran dari jaringan ini. Silakan coba lagi nanti.",
};
