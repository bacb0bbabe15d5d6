/** Indonesian for the billing-usage area's server messages (see ../messages-id.ts). */
export const BILLING_USAGE_ID: Readonly<Record<string, string>> = {
  // nouns used inside messages
  "Meter report": "Laporan meteran",

  // the AI quota
  "Your team has reached its AI usage cap for this billing period ({0} of {1} tokens). It resets on {2} (UTC); to continue now, upgrade the plan or raise the limit in Billing settings.":
    "Tim Anda telah mencapai batas pemakaian AI untuk periode penagihan ini ({0} dari {1} token). Batas diatur ulang pada {2} (UTC); untuk melanjutkan sekarang, tingkatkan paket atau naikkan batas di pengaturan Penagihan.",
  "Your team's subscription has ended, so AI use is limited to the plan's included tokens, without overage: {0} of {1} tokens are used in this billing period (it resets on {2}, UTC). To continue now, choose a plan in Billing settings.":
    "Langganan tim Anda telah berakhir, sehingga pemakaian AI dibatasi pada token yang termasuk dalam paket, tanpa kelebihan pemakaian: {0} dari {1} token telah dipakai dalam periode penagihan ini (diatur ulang pada {2}, UTC). Untuk melanjutkan sekarang, pilih paket di pengaturan Penagihan.",

  // meter reports (operators)
  "Only a meter report that Stripe rejected can be reissued: this one may have been counted.":
    "Hanya laporan meteran yang ditolak Stripe yang dapat diterbitkan ulang: laporan ini mungkin sudah terhitung.",
  "This meter report was reissued already.": "Laporan meteran ini sudah diterbitkan ulang.",
  "This meter report carries no usage any more.": "Laporan meteran ini tidak lagi memuat pemakaian.",
};
