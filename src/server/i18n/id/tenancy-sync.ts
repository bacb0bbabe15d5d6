/** Indonesian for the tenancy-sync area's server messages (see ../messages-id.ts). */
export const TENANCY_SYNC_ID: Readonly<Record<string, string>> = {
  "Use a concurrency of at least 1.": "Gunakan konkurensi minimal 1.",
  "Use a concurrency of at most 32.": "Gunakan konkurensi paling banyak 32.",
  "These sync options are not valid.": "Opsi sinkronisasi ini tidak valid.",
  "These teams have no tenant schema or database: {0}.": "Tim berikut tidak memiliki skema atau basis data tenant: {0}.",
  "Choose a valid team.": "Pilih tim yang valid.",
  "ISOLATED tier not served yet": "Tier ISOLATED belum dilayani",
};
