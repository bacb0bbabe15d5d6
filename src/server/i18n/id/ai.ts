/** Indonesian for the ai area's server messages (see ../messages-id.ts). */
export const AI_ID: Readonly<Record<string, string>> = {
  Team: "Tim",
  "Your team has used its AI allowance for this month ({0} of {1} tokens). It resets on {2} (UTC); an owner can raise the limit or upgrade the plan.":
    "Tim Anda telah menghabiskan jatah AI bulan ini ({0} dari {1} token). Jatah diatur ulang pada {2} (UTC); pemilik dapat menaikkan batas atau meningkatkan paket.",
  "The AI service took too long to answer. Please try again in a moment.":
    "Layanan AI terlalu lama menjawab. Silakan coba lagi sebentar lagi.",
  "The AI service is not available right now. Please try again in a moment.":
    "Layanan AI sedang tidak tersedia. Silakan coba lagi sebentar lagi.",
  "The AI service gave an answer that could not be used. Please try again in a moment.":
    "Layanan AI memberikan jawaban yang tidak dapat digunakan. Silakan coba lagi sebentar lagi.",
  "The AI service is paused after repeated failures. Please try again in {0} seconds.":
    "Layanan AI dijeda setelah beberapa kali gagal. Silakan coba lagi dalam {0} detik.",
};
