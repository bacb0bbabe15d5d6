/** Indonesian for the usage area's server messages (see ../messages-id.ts). */
export const USAGE_ID: Readonly<Record<string, string>> = {
  "Use a date like 2026-11-24.": "Gunakan tanggal seperti 2026-11-24.",
  "That start date does not exist.": "Tanggal mulai tersebut tidak ada.",
  "That end date does not exist.": "Tanggal akhir tersebut tidak ada.",
  "Choose an end date on or after the start date.": "Pilih tanggal akhir yang sama dengan atau setelah tanggal mulai.",
  "Choose a range of at most 366 days.": "Pilih rentang paling lama 366 hari.",
  Team: "Tim",
};
