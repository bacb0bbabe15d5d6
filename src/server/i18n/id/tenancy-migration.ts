/** Indonesian for the tenancy-migration area's server messages (see ../messages-id.ts). */
export const TENANCY_MIGRATION_ID: Readonly<Record<string, string>> = {
  "Moving data between tiers needs a PostgreSQL server: the embedded demo database has a single session. Set DATABASE_URL to a PostgreSQL server to use it.":
    "Memindahkan data antar-tier memerlukan server PostgreSQL: basis data demo bawaan hanya punya satu sesi. Atur DATABASE_URL ke server PostgreSQL untuk memakainya.",
  "Team is required.": "Tim wajib diisi.",
  "Choose a valid tier.": "Pilih tingkat yang valid.",
  "This team is already on the {0} tier.": "Tim ini sudah berada di tingkat {0}.",
  "This team's data is already being moved. Wait until that move finishes.":
    "Data tim ini sedang dipindahkan. Tunggu hingga pemindahan tersebut selesai.",
  "This team is locked because of an unpaid invoice: fix the payment before moving its data.":
    "Tim ini dikunci karena ada faktur yang belum dibayar: selesaikan pembayaran sebelum memindahkan datanya.",
  "This team is read-only at the moment: its data can be moved once it is active again.":
    "Tim ini sedang hanya-baca: datanya dapat dipindahkan setelah aktif kembali.",
  "No database server is configured for the region {0}.": "Tidak ada server basis data yang dikonfigurasi untuk wilayah {0}.",
  "A database named {0} already exists on the server of region {1} and does not belong to this team. Nothing was moved; remove or rename that database first.":
    "Basis data bernama {0} sudah ada di server wilayah {1} dan bukan milik tim ini. Tidak ada yang dipindahkan; hapus atau ganti nama basis data itu terlebih dahulu.",
  "The source and the target of this move are the same storage; nothing was moved.":
    "Sumber dan tujuan pemindahan ini adalah penyimpanan yang sama; tidak ada yang dipindahkan.",
  "The team's placement changed meanwhile; nothing was moved.": "Penempatan tim berubah sementara itu; tidak ada yang dipindahkan.",
  "The data region {0} is not offered by this installation.": "Wilayah data {0} tidak ditawarkan oleh instalasi ini.",
};
