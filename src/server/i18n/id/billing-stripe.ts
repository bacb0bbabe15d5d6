/** Indonesian for the billing-stripe area's server messages (see ../messages-id.ts). */
export const BILLING_STRIPE_ID: Readonly<Record<string, string>> = {
  // plan changes (both providers)
  "Choose one of the plans: Starter, Professional or Enterprise.": "Pilih salah satu paket: Starter, Professional, atau Enterprise.",
  "Your team is already on the {0} plan.": "Tim Anda sudah memakai paket {0}.",
  "The subscription changed meanwhile. Reload the page and try again.": "Langganan berubah sementara itu. Muat ulang halaman dan coba lagi.",

  // Stripe provider
  "Billing is not connected to Stripe.": "Penagihan tidak terhubung ke Stripe.",
  "The {0} plan has no Stripe price configured ({1}).": "Paket {0} belum memiliki harga Stripe yang dikonfigurasi ({1}).",
  "Stripe did not return a checkout page. Nothing was charged; please try again.":
    "Stripe tidak mengembalikan halaman pembayaran. Tidak ada yang ditagih; silakan coba lagi.",
  "Your team has no Stripe billing account yet. Choose a plan first; then you can manage the card and cancellation here.":
    "Tim Anda belum memiliki akun penagihan Stripe. Pilih paket terlebih dahulu; setelah itu Anda dapat mengelola kartu dan pembatalan di sini.",
  "This billing account already belongs to another team.": "Akun penagihan ini sudah dimiliki tim lain.",

  // Stripe failures
  "Stripe did not answer in time. Nothing was charged; please try again.": "Stripe tidak menjawab tepat waktu. Tidak ada yang ditagih; silakan coba lagi.",
  "Stripe is not available at the moment. Nothing was charged; please try again in a minute.":
    "Stripe sedang tidak tersedia. Tidak ada yang ditagih; silakan coba lagi sebentar lagi.",
  "Billing is not available at the moment because of a configuration problem. Nothing was charged; please contact support.":
    "Penagihan sedang tidak tersedia karena masalah konfigurasi. Tidak ada yang ditagih; silakan hubungi dukungan.",
  "The card was declined. Please use another card.": "Kartu ditolak. Silakan gunakan kartu lain.",
  "Stripe refused this billing request. Please check the plan's Stripe prices or contact support.":
    "Stripe menolak permintaan penagihan ini. Periksa harga Stripe untuk paket ini atau hubungi dukungan.",

  // local provider
  "This team's subscription is managed in Stripe: change it through the billing portal.":
    "Langganan tim ini dikelola di Stripe: ubah melalui portal penagihan.",
  "This subscription has already ended.": "Langganan ini sudah berakhir.",
  "This subscription has ended. Choose a plan to start a new one.": "Langganan ini sudah berakhir. Pilih paket untuk memulai langganan baru.",
  "Enter a name for the card, e.g. Test card •••• 4242.": "Masukkan nama kartu, mis. Kartu uji •••• 4242.",
  "Use at most 60 characters for the card's name.": "Gunakan paling banyak 60 karakter untuk nama kartu.",
  "Do not enter a card number: a name like Test card •••• 4242 is enough.":
    "Jangan masukkan nomor kartu: nama seperti Kartu uji •••• 4242 sudah cukup.",
};
