import { Resend } from "resend";

export type OutgoingEmail = { id: string; to: string; subject: string; text: string; html: string | null };

/** Something that delivers an email; `id` doubles as the idempotency key, so a retry never sends twice. */
export type Mailer = { name: string; send(email: OutgoingEmail): Promise<{ providerId: string }> };

export class ResendMailer implements Mailer {
  readonly name = "resend";
  private readonly client: Resend;

  constructor(
    apiKey: string,
    private readonly from: string,
    baseUrl?: string,
  ) {
    this.client = new Resend(apiKey, baseUrl ? { baseUrl } : undefined);
  }

  async send(email: OutgoingEmail): Promise<{ providerId: string }> {
    const { data, error } = await this.client.emails.send(
      { from: this.from, to: email.to, subject: email.subject, text: email.text, ...(email.html ? { html: email.html } : {}) },
      { idempotencyKey: `ebos-${email.id}` },
    );
    if (error || !data) throw new Error(`Resend refused the email: ${error?.name ?? "unknown"}: ${error?.message ?? "no data"}`);
    return { providerId: data.id };
  }
}

/**
 * The configured provider, or null for the embedded default: emails then stay
 * in the outbox and show in the dev mailbox.
 */
export function configuredMailer(env: Readonly<Record<string, string | undefined>> = process.env): Mailer | null {
  const key = env.RESEND_API_KEY?.trim();
  if (!key) return null;
  return new ResendMailer(key, env.EMAIL_FROM?.trim() || "Enterprise Business OS <no-reply@localhost>", env.RESEND_BASE_URL?.trim() || undefined);
}
