import Stripe from "stripe";
import type { StripeConfig } from "./config";

/**
 * The Stripe SDK client for a configuration. API calls go to api.stripe.com, or
 * to STRIPE_API_BASE (a proxy, the tests' stand-in). The SDK's own retries are
 * off for calls that create things: our callers retry with their own idempotency
 * keys, so a retry can never create a second object.
 */
const clients = new Map<string, Stripe>();

export function stripeClient(config: StripeConfig): Stripe {
  const key = `${config.secretKey}|${config.api ? `${config.api.protocol}://${config.api.host}:${config.api.port}` : ""}|${config.timeoutMs}`;
  let client = clients.get(key);
  if (!client) {
    client = new Stripe(config.secretKey, {
      timeout: config.timeoutMs,
      maxNetworkRetries: 0,
      telemetry: false,
      appInfo: { name: "enterprise-business-os" },
      ...(config.api ? { host: config.api.host, port: config.api.port, protocol: config.api.protocol } : {}),
    });
    clients.set(key, client);
  }
  return client;
}

/** Verifies a webhook's signature over the raw body; throws Stripe's signature error when it does not match. */
export function verifyStripeWebhook(rawBody: string, signature: string, webhookSecret: string): Stripe.Event {
  // The secret key is not needed to verify: a client without one would do, but the
  // SDK wants a key; this one is never sent anywhere.
  return Stripe.webhooks.constructEvent(rawBody, signature, webhookSecret);
}

export type { Stripe };
