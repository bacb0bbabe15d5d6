/** Indonesian for the tenancy area's server messages (see ../messages-id.ts). */
export const TENANCY_ID: Readonly<Record<string, string>> = {
  // SCHEMA tier: a team whose schema has not been provisioned
  "This team's data storage is not ready yet. Please try again in a few minutes.":
    "Penyimpanan data tim ini belum siap. Silakan coba lagi dalam beberapa menit.",
  // data region chosen at sign-up or when creating a team
  "Choose a data region from the list.": "Pilih wilayah data dari daftar.",
};
