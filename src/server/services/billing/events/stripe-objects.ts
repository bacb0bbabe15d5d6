import { z } from "zod";

/**
 * Stripe objects as this app reads them from webhook payloads (and from the
 * API, for a re-fetched subscription). Only the fields we use are checked, the
 * rest passes through: Stripe adds fields in every API version. Fields that the
 * API may expand are accepted as an id or as an object with an id. A payload
 * that does not fit is a bad event (stored, marked FAILED), never a crash.
 *
 * API 2026 (endive) shapes: a subscription's period lives on its items, an
 * invoice names its subscription under parent.subscription_details.
 */

const unixSeconds = z.number().int().nonnegative();
const toDate = (seconds: number) => new Date(seconds * 1000);

/** An expandable reference: "cus_…" or { id: "cus_…", … }, or nothing. */
const ZRef = z
  .union([z.string().min(1).max(255), z.looseObject({ id: z.string().min(1).max(255) })])
  .nullish()
  .transform((value) => (value === null || value === undefined ? null : typeof value === "string" ? value : value.id));

/** Stripe metadata: string values only (anything else is dropped, not trusted). */
const ZMetadata = z
  .record(z.string(), z.unknown())
  .nullish()
  .transform((value) => {
    const out: Record<string, string> = {};
    for (const [key, item] of Object.entries(value ?? {})) if (typeof item === "string") out[key] = item;
    return out;
  });

export const ZStripeSubscription = z.looseObject({
  id: z.string().min(1).max(255),
  customer: ZRef,
  status: z.string().min(1).max(50),
  cancel_at_period_end: z.boolean().nullish(),
  canceled_at: unixSeconds.nullish(),
  ended_at: unixSeconds.nullish(),
  metadata: ZMetadata,
  // Before API 2025-03 the period was on the subscription itself; kept as a fallback.
  current_period_start: unixSeconds.nullish(),
  current_period_end: unixSeconds.nullish(),
  items: z
    .looseObject({
      data: z.array(
        z.looseObject({
          price: z.looseObject({ id: z.string().min(1).max(255) }).nullish(),
          current_period_start: unixSeconds.nullish(),
          current_period_end: unixSeconds.nullish(),
        }),
      ),
    })
    .nullish(),
});
export type StripeSubscriptionObject = z.infer<typeof ZStripeSubscription>;

export const ZCheckoutSession = z.looseObject({
  id: z.string().min(1).max(255),
  mode: z.string().nullish(),
  customer: ZRef,
  subscription: ZRef,
  client_reference_id: z.string().max(255).nullish(),
  metadata: ZMetadata,
});
export type CheckoutSessionObject = z.infer<typeof ZCheckoutSession>;

export const ZInvoice = z.looseObject({
  id: z.string().min(1).max(255),
  customer: ZRef,
  number: z.string().max(255).nullish(),
  status: z.string().max(50).nullish(),
  currency: z.string().min(3).max(10).nullish(),
  amount_due: z.number().int().nonnegative(),
  amount_paid: z.number().int().nonnegative().nullish(),
  period_start: unixSeconds.nullish(),
  period_end: unixSeconds.nullish(),
  hosted_invoice_url: z.string().max(2000).nullish(),
  attempt_count: z.number().int().nonnegative().nullish(),
  next_payment_attempt: unixSeconds.nullish(),
  created: unixSeconds,
  status_transitions: z.looseObject({ paid_at: unixSeconds.nullish() }).nullish(),
  parent: z
    .looseObject({
      subscription_details: z.looseObject({ subscription: ZRef }).nullish(),
    })
    .nullish(),
  metadata: ZMetadata,
});
export type InvoiceObject = z.infer<typeof ZInvoice>;

/** The invoice's subscription id (API 2026: under parent.subscription_details). */
export function invoiceSubscriptionId(invoice: InvoiceObject): string | null {
  return invoice.parent?.subscription_details?.subscription ?? null;
}

/** The subscription's current period: on its first item (API 2026), else on the subscription. */
export function subscriptionPeriod(subscription: StripeSubscriptionObject): { start: Date; end: Date } | null {
  const item = subscription.items?.data[0];
  const start = item?.current_period_start ?? subscription.current_period_start;
  const end = item?.current_period_end ?? subscription.current_period_end;
  if (start === null || start === undefined || end === null || end === undefined || end <= start) return null;
  return { start: toDate(start), end: toDate(end) };
}

/** The price ids on the subscription's items. */
export function subscriptionPriceIds(subscription: StripeSubscriptionObject): string[] {
  return (subscription.items?.data ?? []).flatMap((item) => (item.price ? [item.price.id] : []));
}

export function unixToDate(seconds: number | null | undefined): Date | null {
  return seconds === null || seconds === undefined ? null : toDate(seconds);
}

/** The metadata of any object (local events name their team in metadata.teamId). */
export const ZObjectMetadata = z.looseObject({ metadata: ZMetadata });
