/** Indonesian for the chat area's server messages (see ../messages-id.ts). */
export const CHAT_ID: Readonly<Record<string, string>> = {
  Conversation: "Percakapan",
  "A conversation id is required.": "ID percakapan wajib diisi.",
  "That conversation id is not valid.": "ID percakapan tersebut tidak valid.",
  "Type a question.": "Ketik pertanyaan.",
  "Ask in at most 2000 characters.": "Ajukan pertanyaan dengan paling banyak 2000 karakter.",
  "I don't know — your documents don't cover this.": "Saya tidak tahu — dokumen Anda tidak membahas hal ini.",
  "The AI service returned an unusable embedding. Please try again in a moment.":
    "Layanan AI mengembalikan embedding yang tidak dapat digunakan. Silakan coba lagi sebentar lagi.",
  "A vector search asked for an invalid number of results.": "Pencarian vektor meminta jumlah hasil yang tidak valid.",
  "A vector search needs a team id.": "Pencarian vektor memerlukan ID tim.",
  "Each chunk needs exactly one vector.": "Setiap potongan dokumen memerlukan tepat satu vektor.",
  "Each chunk needs its document id and position (metadata.documentId, metadata.index).":
    "Setiap potongan dokumen memerlukan ID dokumen dan posisinya (metadata.documentId, metadata.index).",
  "A vector search was asked for another team than the request's.": "Pencarian vektor diminta untuk tim yang berbeda dari tim permintaan ini.",
};
