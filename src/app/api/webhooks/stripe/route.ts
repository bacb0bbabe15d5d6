import { ZodError } from "zod";
import { DomainError } from "@/server/errors";
import { describeError } from "@/server/log";
import { billingConfig } from "@/server/services/billing/config";
import { recordBillingEvent } from "@/server/services/billing/events/ledger";
import { verifyStripeWebhook } from "@/server/services/billing/stripe-client";

/**
 * POST /api/webhooks/stripe — Stripe's webhook endpoint. The signature is
 * checked over the raw body (before any parsing); a valid event is stored once
 * in the billing-event ledger and its processing handed to a job, so Stripe gets
 * its 2xx at once. Answers:
 *   200 { received: true, duplicate }  stored now, or already stored (Stripe retried)
 *   400 missing or bad signature, unreadable event: nothing stored
 *   404 Stripe is not configured here (the local billing default)
 *   413 body over 1 MB
 *   503 the database (or the job hand-over) failed: Stripe delivers again later
 * Nothing of the payload, the signature or the secret is logged.
 */
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const MAX_WEBHOOK_BYTES = 1_000_000;

const plain = (status: number, text: string, headers: Record<string, string> = {}) =>
  new Response(text, { status, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", ...headers } });

class TooLarge extends Error {}

/** The body as text, cut off past the limit (a declared length is checked before reading). */
async function readRawBody(request: Request): Promise<string> {
  const declared = request.headers.get("content-length");
  if (declared !== null && /^\d+$/.test(declared.trim()) && Number(declared) > MAX_WEBHOOK_BYTES) throw new TooLarge();
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_WEBHOOK_BYTES) {
      await reader.cancel().catch(() => undefined);
      throw new TooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export async function POST(request: Request): Promise<Response> {
  let webhookSecret: string;
  try {
    const config = billingConfig();
    if (config.provider !== "stripe") return plain(404, "Stripe billing is not configured on this installation.");
    webhookSecret = config.stripe.webhookSecret;
  } catch (error) {
    // A broken billing configuration is the operator's to fix; Stripe retries meanwhile.
    console.error(`[webhooks] stripe: billing configuration: ${describeError(error)}`);
    return plain(503, "Billing is not available at the moment.", { "retry-after": "60" });
  }

  let raw: string;
  try {
    raw = await readRawBody(request);
  } catch (error) {
    if (error instanceof TooLarge) return plain(413, "The webhook body is too large.");
    return plain(400, "The webhook body could not be read.");
  }

  const signature = request.headers.get("stripe-signature");
  if (!signature) return plain(400, "Missing Stripe-Signature header.");
  let event;
  try {
    event = verifyStripeWebhook(raw, signature, webhookSecret);
  } catch {
    return plain(400, "Invalid webhook signature.");
  }

  try {
    const object: unknown = event.data?.object;
    if (typeof object !== "object" || object === null || Array.isArray(object)) return plain(400, "The event carries no object.");
    const recorded = await recordBillingEvent({
      source: "stripe",
      id: event.id,
      type: event.type,
      created: event.created,
      data: { object: { ...object } },
    });
    return Response.json({ received: true, duplicate: recorded.duplicate }, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    if (error instanceof ZodError || (error instanceof DomainError && error.code === "BAD_REQUEST")) return plain(400, "The event is not valid.");
    console.error(`[webhooks] stripe: event ${typeof event.id === "string" ? event.id.slice(0, 80) : "?"} not stored: ${describeError(error)}`);
    return plain(503, "The event could not be stored. Please retry.", { "retry-after": "30" });
  }
}
