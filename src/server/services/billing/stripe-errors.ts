import Stripe from "stripe";
import { DomainError } from "../../errors";
import { describeError } from "../../log";

/**
 * Stripe failures as domain errors the user can act on. A timeout, a lost
 * connection, a 5xx or a rate limit means the request may not have reached
 * Stripe and nothing was charged: 503 BILLING_UNAVAILABLE, safe to retry (each
 * attempt carries its own idempotency key). A refused request (4xx) is
 * UNPROCESSABLE with a plain message: Stripe's own text can name prices,
 * customers or parameters, so it goes to the log, never to the user. The log
 * line masks keys (describeError).
 */
export const STRIPE_TIMEOUT_MESSAGE = "Stripe did not answer in time. Nothing was charged; please try again.";

export function isStripeError(error: unknown): error is Stripe.errors.StripeError {
  return error instanceof Stripe.errors.StripeError;
}

/** A 404 of the object asked for (e.g. a subscription deleted in the Stripe dashboard). */
export function isStripeMissing(error: unknown): boolean {
  return isStripeError(error) && error.statusCode === 404 && error.code === "resource_missing";
}

export function toBillingError(error: unknown, operation: string): unknown {
  if (!isStripeError(error)) return error;
  console.warn(`[billing] Stripe ${operation} failed (${error.type}, ${error.statusCode ?? "no status"}, request ${error.requestId ?? "none"}): ${describeError(error)}`);
  if (error.type === "StripeConnectionError") {
    return new DomainError("BILLING_UNAVAILABLE", STRIPE_TIMEOUT_MESSAGE, { cause: error });
  }
  if (error.type === "StripeAuthenticationError" || error.type === "StripePermissionError") {
    // The key is wrong or lacks a permission: an operator has to fix it, retrying will not help.
    return new DomainError("BILLING_UNAVAILABLE", "Billing is not available at the moment because of a configuration problem. Nothing was charged; please contact support.", { cause: error });
  }
  if (error.type === "StripeRateLimitError" || error.type === "StripeAPIError" || (error.statusCode ?? 500) >= 500) {
    return new DomainError("BILLING_UNAVAILABLE", "Stripe is not available at the moment. Nothing was charged; please try again in a minute.", { cause: error });
  }
  if (error.type === "StripeCardError") {
    return new DomainError("UNPROCESSABLE", "The card was declined. Please use another card.", { cause: error });
  }
  return new DomainError("UNPROCESSABLE", "Stripe refused this billing request. Please check the plan's Stripe prices or contact support.", { cause: error });
}

/** Runs one Stripe call, turning its failure into a domain error. */
export async function callStripe<T>(operation: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toBillingError(error, operation);
  }
}
