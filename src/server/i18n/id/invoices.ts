/** Indonesian for the invoices area's server messages (see ../messages-id.ts). */
export const INVOICES_ID: Readonly<Record<string, string>> = {
  // nouns used inside messages
  Invoice: "Faktur",
  Customer: "Pelanggan",

  // invoice input
  "Send the version of the invoice you edited.": "Kirim versi faktur yang Anda ubah.",
  "That version number is not valid. Reload and try again.": "Nomor versi tersebut tidak valid. Muat ulang dan coba lagi.",
  "Choose a supported currency.": "Pilih mata uang yang didukung.",
  "Choose a valid status.": "Pilih status yang valid.",
  "Enter a date as YYYY-MM-DD.": "Masukkan tanggal dengan format YYYY-MM-DD.",
  "Enter a percentage from 0 to 100, e.g. 11 or 12.5.": "Masukkan persentase dari 0 sampai 100, mis. 11 atau 12.5.",
  "Use at most 2 decimals for a percentage.": "Gunakan paling banyak 2 desimal untuk persentase.",
  "Enter a quantity above 0, e.g. 1 or 1.5.": "Masukkan jumlah di atas 0, mis. 1 atau 1.5.",
  "Enter a quantity above 0 and at most 1,000,000, e.g. 1 or 1.5.": "Masukkan jumlah di atas 0 dan paling banyak 1.000.000, mis. 1 atau 1.5.",
  "Use at most 3 decimals for a quantity.": "Gunakan paling banyak 3 desimal untuk jumlah.",
  "Enter the amount with digits and a dot for decimals, e.g. 1500000.50.":
    "Masukkan nominal dengan angka dan titik untuk desimal, mis. 1500000.50.",
  "This currency has no decimals: enter a whole amount.": "Mata uang ini tidak memiliki desimal: masukkan nominal bulat.",
  "Use at most 2 decimals for this currency.": "Gunakan paling banyak 2 desimal untuk mata uang ini.",
  "Use at most 3 decimals for this currency.": "Gunakan paling banyak 3 desimal untuk mata uang ini.",
  "Use fewer decimals for this currency.": "Gunakan lebih sedikit desimal untuk mata uang ini.",
  "This amount is too large.": "Nominal ini terlalu besar.",
  "The invoice total is too large to store.": "Total faktur terlalu besar untuk disimpan.",
  "Enter a description.": "Masukkan deskripsi.",
  "Use at most 500 characters for a description.": "Gunakan paling banyak 500 karakter untuk deskripsi.",
  "Use at most 200 line items.": "Gunakan paling banyak 200 baris item.",
  "Use at most 2000 characters for notes.": "Gunakan paling banyak 2000 karakter untuk catatan.",
  "The start of the date range must not be after its end.": "Awal rentang tanggal tidak boleh setelah akhirnya.",
  "The due date cannot be before the issue date.": "Tanggal jatuh tempo tidak boleh sebelum tanggal terbit.",
  "An invoice has a currency this version does not know.": "Sebuah faktur memiliki mata uang yang tidak dikenal versi ini.",
  "Send the line items again when you change the currency: their prices depend on it.":
    "Kirim ulang baris item saat Anda mengganti mata uang: harganya bergantung pada mata uang.",

  // invoice life cycle
  "The next invoice number is already used by another invoice. Ask an administrator to check the invoice numbering.":
    "Nomor faktur berikutnya sudah dipakai faktur lain. Minta administrator memeriksa penomoran faktur.",
  "The invoice number could not be assigned. Please try again.": "Nomor faktur tidak dapat diberikan. Silakan coba lagi.",
  "Someone else changed this invoice meanwhile. Reload it and try again.":
    "Orang lain telah mengubah faktur ini. Muat ulang dan coba lagi.",
  "This invoice is paid: it can no longer be changed.": "Faktur ini sudah dibayar: tidak dapat diubah lagi.",
  "This invoice is void: it can no longer be changed.": "Faktur ini sudah dibatalkan: tidak dapat diubah lagi.",
  "This invoice cannot be changed in its current status.": "Faktur ini tidak dapat diubah dalam statusnya saat ini.",
  "Only a draft can be sent.": "Hanya draf yang dapat dikirim.",
  "Only a sent or overdue invoice can be marked as paid.": "Hanya faktur terkirim atau jatuh tempo yang dapat ditandai lunas.",
  "Only a draft, sent or overdue invoice can be voided.": "Hanya faktur draf, terkirim, atau jatuh tempo yang dapat dibatalkan.",
  "Only a sent invoice can become overdue.": "Hanya faktur terkirim yang dapat menjadi jatuh tempo.",
  "Only a draft can be deleted: void a sent invoice instead.": "Hanya draf yang dapat dihapus: batalkan faktur yang sudah terkirim.",
  "Add at least one line item before sending the invoice.": "Tambahkan setidaknya satu baris item sebelum mengirim faktur.",

  // customers
  "Enter the customer's name.": "Masukkan nama pelanggan.",
  "Use at most 200 characters for the name.": "Gunakan paling banyak 200 karakter untuk nama.",
  "Use at most 50 characters for the phone number.": "Gunakan paling banyak 50 karakter untuk nomor telepon.",
  "Use at most 500 characters for the address.": "Gunakan paling banyak 500 karakter untuk alamat.",
  "Use at most 50 characters for the tax ID.": "Gunakan paling banyak 50 karakter untuk NPWP.",
  "This customer has invoices, so it cannot be deleted.": "Pelanggan ini memiliki faktur, sehingga tidak dapat dihapus.",

  // the SOP ruleset
  "Enter a number of days from 1 to 3650.": "Masukkan jumlah hari dari 1 sampai 3650.",
  "Enter a whole number of days.": "Masukkan jumlah hari berupa bilangan bulat.",
  "Choose fields from the list.": "Pilih kolom dari daftar.",
  "Remove empty rules or write them out.": "Hapus aturan kosong atau tuliskan isinya.",
  "Use at most 500 characters for a rule.": "Gunakan paling banyak 500 karakter untuk satu aturan.",
  "Use at most 20 plain-language rules.": "Gunakan paling banyak 20 aturan bahasa bebas.",

  // pre-check (deterministic rules: src/lib/invoices/precheck.ts)
  "Choose a customer.": "Pilih pelanggan.",
  "Enter an issue date.": "Masukkan tanggal terbit.",
  "Enter a due date.": "Masukkan tanggal jatuh tempo.",
  "The SOP requires the customer's email address.": "SOP mewajibkan alamat email pelanggan.",
  "The SOP requires the customer's tax ID (NPWP).": "SOP mewajibkan NPWP pelanggan.",
  "The SOP requires the customer's address.": "SOP mewajibkan alamat pelanggan.",
  "The SOP requires notes on the invoice.": "SOP mewajibkan catatan pada faktur.",
  "The SOP requires at least one line item with a description.": "SOP mewajibkan setidaknya satu baris item dengan deskripsi.",
  "The VAT rate is {0}% but the SOP requires {1}%.": "Tarif PPN {0}% tetapi SOP mewajibkan {1}%.",
  "A {0}% discount exceeds the SOP maximum of {1}%.": "Diskon {0}% melebihi batas maksimum SOP sebesar {1}%.",
  "The due date is {0} days after the issue date; the SOP allows at most {1}.":
    "Tanggal jatuh tempo {0} hari setelah tanggal terbit; SOP mengizinkan paling lama {1} hari.",
  "The invoice follows every checked rule of the SOP.": "Faktur ini mematuhi semua aturan SOP yang diperiksa.",
  "Local AI: only the deterministic rules were checked.": "AI lokal: hanya aturan deterministik yang diperiksa.",
  "The AI is unavailable, so only the deterministic rules were checked.":
    "AI sedang tidak tersedia, sehingga hanya aturan deterministik yang diperiksa.",
  "The team's AI allowance is used up, so only the deterministic rules were checked.":
    "Kuota AI tim sudah habis, sehingga hanya aturan deterministik yang diperiksa.",
};
