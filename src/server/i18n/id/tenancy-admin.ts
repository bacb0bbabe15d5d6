/** Indonesian for the tenancy operations (superadmin tenant list, the owner's tier move) server messages (see ../messages-id.ts). */
export const TENANCY_ADMIN_ID: Readonly<Record<string, string>> = {
  Team: "Tim",
  "Choose a team.": "Pilih tim.",
  "That team id is not valid.": "ID tim tersebut tidak valid.",
  "Choose a tier: shared, schema or isolated.": "Pilih tingkat: shared, schema, atau isolated.",
  "Your plan includes the {0} tier: your data can only move there.":
    "Paket Anda mencakup tingkat {0}: data Anda hanya dapat dipindahkan ke sana.",
  "Your data is already on the tier your plan includes.": "Data Anda sudah berada di tingkat yang dicakup paket Anda.",
  // an operator's region move (platform.startMigration's toRegion)
  "Choose a data region.": "Pilih wilayah data.",
  "That data region is not valid.": "Wilayah data tersebut tidak valid.",
};
