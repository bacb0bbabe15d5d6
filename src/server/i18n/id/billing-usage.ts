/** Indonesian for the billing-usage area's server messages (see ../messages-id.ts). */
export const BILLING_USAGE_ID: Readonly<Record<string, string>> = {
  "Your team has reached its AI usage cap for this billing period ({0} of {1} tokens). It resets on {2} (UTC); to continue now, upgrade the plan or raise the limit in Billing settings.":
    "Tim Anda telah mencapai batas pemakaian AI untuk periode penagihan ini ({0} dari {1} token). Batas diatur ulang pada {2} (UTC); untuk melanjutkan sekarang, tingkatkan paket atau naikkan batas di pengaturan Penagihan.",
};
