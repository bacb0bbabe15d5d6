/** Indonesian for the billing area's server messages (see ../messages-id.ts). */
export const BILLING_ID: Readonly<Record<string, string>> = {
  // nouns used inside messages
  Team: "Tim",

  // billing router input
  "Choose one of the plans: starter, professional or enterprise.": "Pilih salah satu paket: starter, professional, atau enterprise.",
  "Choose one of the test cards.": "Pilih salah satu kartu uji.",
  "That page cursor is not valid.": "Kursor halaman tersebut tidak valid.",
  "Ask for at least 1 invoice.": "Minta paling sedikit 1 faktur.",
  "Ask for at most 50 invoices.": "Minta paling banyak 50 faktur.",
  "That team id is not valid.": "ID tim tersebut tidak valid.",
  "Choose whether the payment failed or was paid.": "Pilih apakah pembayaran gagal atau lunas.",

  // local-only operations while Stripe is connected
  "Billing is connected to Stripe: cancel the subscription in the billing portal.":
    "Penagihan terhubung ke Stripe: batalkan langganan di portal penagihan.",
  "Billing is connected to Stripe: resume the subscription in the billing portal.":
    "Penagihan terhubung ke Stripe: lanjutkan langganan di portal penagihan.",
  "Billing is connected to Stripe: update the payment method in the billing portal.":
    "Penagihan terhubung ke Stripe: perbarui metode pembayaran di portal penagihan.",
  "Payments can be simulated only while billing is not connected to Stripe.":
    "Pembayaran hanya dapat disimulasikan selama penagihan belum terhubung ke Stripe.",
};
