/** Indonesian for the jobs area's server messages (see ../messages-id.ts). */
export const JOBS_ID: Readonly<Record<string, string>> = {
  // enqueueing with Trigger.dev
  "The background job could not be started. Please try again in a moment.": "Pekerjaan latar belakang tidak dapat dimulai. Silakan coba lagi sebentar lagi.",

  // CEO digest job payload
  "Use a calendar date (YYYY-MM-DD).": "Gunakan tanggal kalender (YYYY-MM-DD).",

  // team settings: time zone
  "Choose a time zone.": "Pilih zona waktu.",
  "Choose a time zone from the list.": "Pilih zona waktu dari daftar.",

  // digest history
  "Ask for at least 1 digest.": "Minta paling sedikit 1 ringkasan.",
  "Ask for at most 60 digests.": "Minta paling banyak 60 ringkasan.",

  // platform: job runs
  "Ask for at least 1 run.": "Minta paling sedikit 1 eksekusi.",
  "Ask for at most 200 runs.": "Minta paling banyak 200 eksekusi.",
};
