import type { PlanId } from "@/lib/plans";
import { DomainError } from "../../errors";
import { describeError } from "../../log";
import { billingConfig, type BillingConfig } from "./config";
import { localBillingProvider } from "./local-provider";
import { createStripeBillingProvider } from "./stripe-provider";

/**
 * The billing provider the app talks to: Stripe when STRIPE_SECRET_KEY is set,
 * else the embedded local default (plan changes apply at once in our database).
 * Callers (the billing router) never branch on the provider; they follow the
 * result: a redirect to Stripe Checkout, or a change already applied.
 */
export type ChangePlanResult = { kind: "redirect"; url: string } | { kind: "applied"; planId: PlanId };

export type ChangePlanInput = {
  teamId: string;
  planId: PlanId;
  user: { id: string; email: string | null };
  /** Absolute URL of an app path (Stripe sends the customer back there). */
  appUrl: (path: string) => string;
};

export type OpenPortalInput = { teamId: string; appUrl: (path: string) => string };

export type BillingProvider = {
  id: "local" | "stripe";
  /** false for the local default: the UI shows "billing not connected". */
  connected: boolean;
  changePlan(input: ChangePlanInput): Promise<ChangePlanResult>;
  openPortal(input: OpenPortalInput): Promise<{ url: string }>;
};

let override: BillingProvider | null = null;

export function getBillingProvider(): BillingProvider {
  if (override) return override;
  let config: BillingConfig;
  try {
    config = billingConfig();
  } catch (error) {
    // A bad STRIPE_* setting is the operator's to fix (the log names the variable);
    // the user gets a clear "not available", never a 500.
    console.error(`[billing] ${describeError(error)}`);
    throw new DomainError("BILLING_UNAVAILABLE", "Billing is not available at the moment because of a configuration problem. Nothing was charged; please contact support.");
  }
  // Built per call: cheap (the SDK client is cached per configuration), and a
  // configuration reset in tests takes effect at once.
  return config.provider === "stripe" ? createStripeBillingProvider(config.stripe) : localBillingProvider;
}

/** Tests substitute a provider (null restores the configured one). */
export function setBillingProviderForTests(provider: BillingProvider | null): void {
  override = provider;
}
