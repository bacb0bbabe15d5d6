/** Indonesian for the analytics area's server messages (see ../messages-id.ts). */
export const ANALYTICS_ID: Readonly<Record<string, string>> = {
  // date range (shared wording with the AI usage report)
  "Use a date like 2026-11-24.": "Gunakan tanggal seperti 2026-11-24.",
  "That start date does not exist.": "Tanggal mulai tersebut tidak ada.",
  "That end date does not exist.": "Tanggal akhir tersebut tidak ada.",
  "Choose an end date on or after the start date.": "Pilih tanggal akhir yang sama dengan atau setelah tanggal mulai.",
  "Choose a range of at most 366 days.": "Pilih rentang paling lama 366 hari.",
  "Choose a range of at most 3 years (1,096 days).": "Pilih rentang paling lama 3 tahun (1.096 hari).",
  "Choose a shorter range.": "Pilih rentang yang lebih pendek.",
  "Choose a date between the years 2000 and 2100.": "Pilih tanggal antara tahun 2000 dan 2100.",
  "Choose a team first.": "Pilih tim terlebih dahulu.",
  // CSV export
  "Choose scope=team or scope=platform.": "Pilih scope=team atau scope=platform.",
  "Choose table=summary, series or users.": "Pilih table=summary, series, atau users.",
};
