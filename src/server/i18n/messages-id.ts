import { INVOICES_ID } from "./id/invoices";
import { AI_ID } from "./id/ai";
import { DOCUMENTS_ID } from "./id/documents";
import { CHAT_ID } from "./id/chat";
import { JOBS_ID } from "./id/jobs";
import { USAGE_ID } from "./id/usage";
import { BILLING_ID } from "./id/billing";
import { BILLING_STRIPE_ID } from "./id/billing-stripe";
import { BILLING_EVENTS_ID } from "./id/billing-events";
import { BILLING_USAGE_ID } from "./id/billing-usage";
import { ANALYTICS_ID } from "./id/analytics";
import { TENANCY_SYNC_ID } from "./id/tenancy-sync";
import { TENANCY_MIGRATION_ID } from "./id/tenancy-migration";
import { TENANCY_ID } from "./id/tenancy";
import { TENANCY_ADMIN_ID } from "./id/tenancy-admin";
import { RATE_LIMIT_ID } from "./id/rate-limit";
import { BRUTE_FORCE_ID } from "./id/brute-force";

/**
 * Indonesian for the messages the server writes (domain errors and validation),
 * keyed by their English template; values that are themselves known words
 * (e.g. "Task", "staff") are translated too. A test checks that every message
 * in the server's source has an entry here.
 */
export const MESSAGES_ID: Readonly<Record<string, string>> = {
  // per-area dictionaries, so areas can be worked on apart
  ...INVOICES_ID,
  ...AI_ID,
  ...DOCUMENTS_ID,
  ...CHAT_ID,
  ...JOBS_ID,
  ...USAGE_ID,
  ...BILLING_ID,
  ...BILLING_STRIPE_ID,
  ...BILLING_EVENTS_ID,
  ...BILLING_USAGE_ID,
  ...ANALYTICS_ID,
  ...TENANCY_SYNC_ID,
  ...TENANCY_MIGRATION_ID,
  ...TENANCY_ID,
  ...TENANCY_ADMIN_ID,
  ...RATE_LIMIT_ID,
  ...BRUTE_FORCE_ID,

  "This billing account already belongs to another team.": "Akun penagihan ini sudah dimiliki tim lain.",

  // nouns and values used inside messages
  Project: "Proyek",
  Task: "Tugas",
  Column: "Kolom",
  Comment: "Komentar",
  Label: "Label",
  Invitation: "Undangan",
  "This invitation": "Undangan ini",
  "A pending invitation": "Undangan yang tertunda",
  "Project member": "Anggota proyek",
  "Team member": "Anggota tim",
  "A team for your account": "Tim untuk akun Anda",
  Assignee: "Penanggung jawab",
  Cursor: "Kursor",
  Membership: "Keanggotaan",
  User: "Pengguna",
  owner: "pemilik",
  admin: "admin",
  manager: "manajer",
  staff: "staf",
  lead: "pemimpin",
  member: "anggota",
  viewer: "pengamat",
  "{0} was not found.": "{0} tidak ditemukan.",
  "{0} already exists.": "{0} sudah ada.",
  "{0} is required.": "{0} wajib diisi.",
  "That {0} id is not valid.": "ID {0} tersebut tidak valid.",
  // permissions and access
  "You do not have permission to do this.": "Anda tidak memiliki izin untuk melakukan ini.",
  "Please sign in to continue.": "Silakan masuk untuk melanjutkan.",
  "Your role ({0}) does not allow {1}.": "Peran Anda ({0}) tidak mengizinkan {1}.",
  "Your role in this project ({0}) lets you read its tasks, not change them.":
    "Peran Anda di proyek ini ({0}) hanya mengizinkan membaca tugas, bukan mengubahnya.",
  "Only a lead of this project can do this.": "Hanya pemimpin proyek ini yang dapat melakukan ini.",
  "Only an owner can invite another owner.": "Hanya pemilik yang dapat mengundang pemilik lain.",
  "Only an owner can make or unmake owners.": "Hanya pemilik yang dapat menetapkan atau mencabut pemilik.",
  "Only an owner can remove an owner.": "Hanya pemilik yang dapat mengeluarkan pemilik.",
  "Only members of the team can be added to its projects.": "Hanya anggota tim yang dapat ditambahkan ke proyeknya.",
  "Only the project's lead, a manager, or the task's author can delete it.":
    "Hanya pemimpin proyek, manajer, atau pembuat tugas yang dapat menghapusnya.",
  "This area is for platform operators.": "Area ini khusus untuk operator platform.",
  "You are no longer a member of the team you were working in. Switch teams to continue.":
    "Anda bukan lagi anggota tim yang sedang Anda kerjakan. Pindah tim untuk melanjutkan.",
  "You can only delete your own comments.": "Anda hanya dapat menghapus komentar Anda sendiri.",
  "Your account no longer exists. Please sign in again.": "Akun Anda sudah tidak ada. Silakan masuk lagi.",
  "Your active team changed in another tab or window. Reload the page to continue.":
    "Tim aktif Anda berubah di tab atau jendela lain. Muat ulang halaman untuk melanjutkan.",
  "This project is archived: restore it to change its tasks.": "Proyek ini diarsipkan: pulihkan untuk mengubah tugasnya.",
  "This team is locked because of an unpaid invoice: you can read and export data, but changes are disabled until payment is fixed.":
    "Tim ini dikunci karena ada faktur yang belum dibayar: Anda dapat membaca dan mengekspor data, tetapi perubahan dinonaktifkan sampai pembayaran diselesaikan.",
  "This team is locked because of an unpaid invoice: you can read and export data, but changes are disabled until payment is fixed. Reason: {0}":
    "Tim ini dikunci karena ada faktur yang belum dibayar: Anda dapat membaca dan mengekspor data, tetapi perubahan dinonaktifkan sampai pembayaran diselesaikan. Alasan: {0}",
  "This team is read-only at the moment: you can read and export data, but changes are disabled.":
    "Tim ini sedang hanya-baca: Anda dapat membaca dan mengekspor data, tetapi perubahan dinonaktifkan.",
  "This team is read-only at the moment: you can read and export data, but changes are disabled. Reason: {0}":
    "Tim ini sedang hanya-baca: Anda dapat membaca dan mengekspor data, tetapi perubahan dinonaktifkan. Alasan: {0}",
  "Team was not found.": "Tim tidak ditemukan.",
  "A tenant client needs a team id.": "Klien tenant memerlukan ID tim.",
  // boards and tasks
  "A board has at most 12 columns.": "Sebuah papan memiliki paling banyak 12 kolom.",
  "A board needs at least one column.": "Sebuah papan memerlukan setidaknya satu kolom.",
  "Move the tasks out of this column before removing it.": "Pindahkan tugas keluar dari kolom ini sebelum menghapusnya.",
  "A project needs at least one lead: make someone else lead first.":
    "Sebuah proyek memerlukan setidaknya satu pemimpin: jadikan orang lain pemimpin terlebih dahulu.",
  "A team needs at least one owner: make someone else owner first.":
    "Sebuah tim memerlukan setidaknya satu pemilik: jadikan orang lain pemilik terlebih dahulu.",
  "A task cannot be placed next to itself.": "Tugas tidak dapat diletakkan di samping dirinya sendiri.",
  "One of the labels does not exist.": "Salah satu label tidak ada.",
  "That board column does not exist.": "Kolom papan tersebut tidak ada.",
  "The assignee must be a member of this project.": "Penanggung jawab harus anggota proyek ini.",
  "Someone else changed this task meanwhile. Reload it and try again.":
    "Orang lain telah mengubah tugas ini. Muat ulang lalu coba lagi.",
  "Someone else moved or changed this task meanwhile. The board has been refreshed.":
    "Orang lain telah memindahkan atau mengubah tugas ini. Papan telah diperbarui.",
  "The board changed while you were moving this task. It has been refreshed: try again.":
    "Papan berubah saat Anda memindahkan tugas ini. Papan telah diperbarui: coba lagi.",
  "This person is already a member of the project.": "Orang ini sudah menjadi anggota proyek.",
  "This person is already a member of the team.": "Orang ini sudah menjadi anggota tim.",
  // invitations
  "This email already has a pending invitation: resend it instead.":
    "Email ini sudah memiliki undangan yang tertunda: kirim ulang undangan tersebut.",
  "This invitation is for {0}. Sign in with that address to accept it.":
    "Undangan ini untuk {0}. Masuk dengan alamat tersebut untuk menerimanya.",
  "This invitation was already used or revoked.": "Undangan ini sudah digunakan atau dibatalkan.",
  "This invitation has expired: ask for a new one.": "Undangan ini sudah kedaluwarsa: minta undangan baru.",
  // validation
  "Change at least one field.": "Ubah setidaknya satu kolom isian.",
  "Enter a column name.": "Masukkan nama kolom.",
  "Enter a label name.": "Masukkan nama label.",
  "Enter a password.": "Masukkan kata sandi.",
  "Enter a project name.": "Masukkan nama proyek.",
  "Enter a team name.": "Masukkan nama tim.",
  "Enter a title.": "Masukkan judul.",
  "Enter a valid due date.": "Masukkan tanggal tenggat yang valid.",
  "Enter a valid email address.": "Masukkan alamat email yang valid.",
  "Enter your email address.": "Masukkan alamat email Anda.",
  "Enter your name.": "Masukkan nama Anda.",
  "Enter your password.": "Masukkan kata sandi Anda.",
  "Write a comment.": "Tulis komentar.",
  "Search with at most 100 characters.": "Cari dengan paling banyak 100 karakter.",
  "That email address is too long.": "Alamat email terlalu panjang.",
  "A project id is required.": "ID proyek wajib diisi.",
  "That project id is not valid.": "ID proyek tersebut tidak valid.",
  "Use a colour like #3b6cf6.": "Gunakan warna seperti #3b6cf6.",
  "Use at least 10 characters.": "Gunakan minimal 10 karakter.",
  "Use at least 2 characters.": "Gunakan minimal 2 karakter.",
  "Use at least one letter and one digit.": "Gunakan minimal satu huruf dan satu angka.",
  "Do not start or end the password with a space.": "Jangan awali atau akhiri kata sandi dengan spasi.",
  "Use at most 72 bytes (about 72 plain characters).": "Gunakan maksimal 72 byte (sekitar 72 karakter biasa).",
  "Use at most 10,000 characters.": "Gunakan paling banyak 10.000 karakter.",
  "Use at most 100 characters.": "Gunakan paling banyak 100 karakter.",
  "Use at most 120 characters.": "Gunakan paling banyak 120 karakter.",
  "Use at most 20 labels.": "Gunakan paling banyak 20 label.",
  "Use at most 20,000 characters for the description.": "Gunakan paling banyak 20.000 karakter untuk deskripsi.",
  "Use at most 200 characters for the title.": "Gunakan paling banyak 200 karakter untuk judul.",
  "Use at most 2000 characters.": "Gunakan paling banyak 2000 karakter.",
  "Use at most 40 characters.": "Gunakan paling banyak 40 karakter.",
  "Use at most 80 characters.": "Gunakan paling banyak 80 karakter.",
  "We could not create an account with these details. If you already have one, sign in instead.":
    "Kami tidak dapat membuat akun dengan data ini. Jika Anda sudah punya akun, silakan masuk.",
  "Something went wrong on our side. Please try again.": "Terjadi kesalahan di sisi kami. Silakan coba lagi.",
};
