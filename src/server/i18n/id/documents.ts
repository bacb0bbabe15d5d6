/** Indonesian for the documents area's server messages (see ../messages-id.ts). */
export const DOCUMENTS_ID: Readonly<Record<string, string>> = {
  // nouns used inside messages
  Document: "Dokumen",
  "The stored file": "Berkas yang tersimpan",
  // upload checks
  "Choose a file to upload.": "Pilih berkas untuk diunggah.",
  "The file name is not valid.": "Nama berkas tidak valid.",
  "Use a file name of at most 200 characters.": "Gunakan nama berkas paling banyak 200 karakter.",
  "Only PDF, Word (.docx), text (.txt) and Markdown (.md) files can be uploaded.":
    "Hanya berkas PDF, Word (.docx), teks (.txt), dan Markdown (.md) yang dapat diunggah.",
  "The file is empty.": "Berkas ini kosong.",
  "The file is larger than the {0} limit.": "Berkas ini melebihi batas {0}.",
  "The upload was interrupted. Try again.": "Unggahan terputus. Coba lagi.",
  "This file is not a PDF: its content does not match the .pdf extension.":
    "Berkas ini bukan PDF: isinya tidak sesuai dengan ekstensi .pdf.",
  "This file is not a Word document: its content does not match the .docx extension.":
    "Berkas ini bukan dokumen Word: isinya tidak sesuai dengan ekstensi .docx.",
  "This file is not plain text. Save it as UTF-8 text and upload it again.":
    "Berkas ini bukan teks biasa. Simpan sebagai teks UTF-8 lalu unggah lagi.",
  // reading the file (shown as a failed document's reason)
  "This document contains no text.": "Dokumen ini tidak berisi teks.",
  "This text file is not valid UTF-8. Save it as UTF-8 and upload it again.":
    "Berkas teks ini bukan UTF-8 yang valid. Simpan sebagai UTF-8 lalu unggah lagi.",
  "This PDF is password-protected. Remove the password and upload it again.":
    "PDF ini dilindungi kata sandi. Hapus kata sandinya lalu unggah lagi.",
  "This PDF could not be read. It may be damaged.": "PDF ini tidak dapat dibaca. Berkasnya mungkin rusak.",
  "No text was found in this PDF. Scanned pages need text recognition (OCR), which is not supported yet.":
    "Tidak ada teks di PDF ini. Halaman hasil pindaian memerlukan pengenalan teks (OCR), yang belum didukung.",
  "This Word file could not be read. It may be damaged or in the older .doc format.":
    "Berkas Word ini tidak dapat dibaca. Berkasnya mungkin rusak atau berformat .doc lama.",
  "This file is not a Word document (.docx).": "Berkas ini bukan dokumen Word (.docx).",
  "This Word file unpacks to more than 200 MB, which is not allowed.":
    "Berkas Word ini mengembang menjadi lebih dari 200 MB saat dibuka, dan itu tidak diizinkan.",
  "The stored file is missing. Delete this document and upload it again.":
    "Berkas yang tersimpan hilang. Hapus dokumen ini lalu unggah lagi.",
  "The team's AI allowance is used up, so this document could not be indexed. Retry it when the allowance renews.":
    "Kuota AI tim sudah habis, sehingga dokumen ini tidak dapat diindeks. Coba lagi saat kuota diperbarui.",
  "The AI service was not available, so this document could not be indexed. Retry it later.":
    "Layanan AI sedang tidak tersedia, sehingga dokumen ini tidak dapat diindeks. Coba lagi nanti.",
  "The embedding model returned vectors of an unexpected size, so this document could not be indexed.":
    "Model embedding mengembalikan vektor dengan ukuran yang tidak sesuai, sehingga dokumen ini tidak dapat diindeks.",
  "Something went wrong while processing this document. Retry it, or upload it again.":
    "Terjadi kesalahan saat memproses dokumen ini. Coba lagi, atau unggah ulang.",
  // managing documents
  "Only a failed document can be retried.": "Hanya dokumen yang gagal yang dapat dicoba lagi.",
  "Processing this document took too long and was stopped. Retry it, or split it into smaller files.":
    "Pemrosesan dokumen ini terlalu lama dan dihentikan. Coba lagi, atau pecah menjadi berkas yang lebih kecil.",
  "The server stopped while this document was being processed. Retry it.": "Server berhenti saat dokumen ini sedang diproses. Coba lagi.",
};
