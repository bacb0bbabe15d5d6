import { z } from "zod";
import { PLAN_IDS, type PlanId } from "@/lib/plans";

/**
 * Billing configuration. STRIPE_SECRET_KEY set → Stripe (Checkout, Customer
 * Portal, Billing Meters, signed webhooks); unset → the local provider: plan
 * changes apply at once in our database and the UI says billing is not connected.
 * Errors name the variable, never its value.
 */
const optionalString = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === "" ? undefined : value.trim()));

// Operator-facing (English, in the start-up log): configuration problems, not a reader's message.
const PROBLEM = {
  secretKey: "must look like sk_test_… or sk_live_… (or a restricted rk_ key).",
  webhookSecret: "must look like whsec_….",
  eventName: "must be a plain event name.",
  apiBase: "must be a URL like http://127.0.0.1:12111.",
  timeout: "must be a whole number of milliseconds.",
} as const;

const BillingEnv = z.object({
  STRIPE_SECRET_KEY: optionalString.pipe(z.string().regex(/^(sk|rk)_(test|live)_\w+$/, PROBLEM.secretKey).optional()),
  STRIPE_WEBHOOK_SECRET: optionalString.pipe(z.string().regex(/^whsec_\w+$/, PROBLEM.webhookSecret).optional()),
  // Recurring monthly prices (price_…) of each plan's fixed fee.
  STRIPE_PRICE_STARTER: optionalString,
  STRIPE_PRICE_PROFESSIONAL: optionalString,
  STRIPE_PRICE_ENTERPRISE: optionalString,
  // Metered prices (price_…) on the AI-token meter, one per plan: its first tier
  // (the plan's allowance) is free, the rest costs the plan's overage price.
  STRIPE_METERED_PRICE_STARTER: optionalString,
  STRIPE_METERED_PRICE_PROFESSIONAL: optionalString,
  STRIPE_METERED_PRICE_ENTERPRISE: optionalString,
  // The Billing Meter's event name (its `event_name`).
  STRIPE_METER_EVENT_NAME: optionalString.pipe(z.string().regex(/^[A-Za-z0-9_.-]{1,100}$/, PROBLEM.eventName).optional()),
  // Where the SDK sends requests: unset → api.stripe.com. Tests and proxies set it,
  // e.g. http://127.0.0.1:12111 (the SDK's host/port/protocol options).
  STRIPE_API_BASE: optionalString.pipe(z.url(PROBLEM.apiBase).optional()),
  // Per request, in milliseconds (default 15 s): a slow Stripe gives a retryable error, not a hung page.
  STRIPE_TIMEOUT_MS: optionalString.pipe(z.string().regex(/^\d+$/, PROBLEM.timeout).transform(Number).pipe(z.number().int().min(100).max(120_000)).optional()),
});

export type StripeConfig = {
  secretKey: string;
  webhookSecret: string;
  fixedPrices: Partial<Record<PlanId, string>>;
  meteredPrices: Partial<Record<PlanId, string>>;
  meterEventName: string;
  api: { host: string; port: number; protocol: "http" | "https" } | undefined;
  timeoutMs: number;
};

export type BillingConfig = { provider: "local"; stripe: undefined } | { provider: "stripe"; stripe: StripeConfig };

export const DEFAULT_METER_EVENT_NAME = "ai_tokens";
export const DEFAULT_STRIPE_TIMEOUT_MS = 15_000;

export function parseBillingConfig(source: Readonly<Record<string, string | undefined>>): BillingConfig {
  const parsed = BillingEnv.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid billing configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
  const env = parsed.data;
  if (!env.STRIPE_SECRET_KEY) return { provider: "local", stripe: undefined };
  if (!env.STRIPE_WEBHOOK_SECRET) {
    throw new Error("Invalid billing configuration: STRIPE_SECRET_KEY needs STRIPE_WEBHOOK_SECRET (webhooks are how payments reach the app).");
  }
  const byPlan = (prefix: "STRIPE_PRICE_" | "STRIPE_METERED_PRICE_") =>
    Object.fromEntries(
      PLAN_IDS.flatMap((id) => {
        const value = env[`${prefix}${id.toUpperCase()}` as keyof typeof env];
        return typeof value === "string" ? [[id, value]] : [];
      }),
    ) as Partial<Record<PlanId, string>>;
  let api: StripeConfig["api"];
  if (env.STRIPE_API_BASE) {
    const url = new URL(env.STRIPE_API_BASE);
    const protocol = url.protocol === "http:" ? "http" : "https";
    api = { host: url.hostname, port: Number(url.port || (protocol === "http" ? 80 : 443)), protocol };
  }
  return {
    provider: "stripe",
    stripe: {
      secretKey: env.STRIPE_SECRET_KEY,
      webhookSecret: env.STRIPE_WEBHOOK_SECRET,
      fixedPrices: byPlan("STRIPE_PRICE_"),
      meteredPrices: byPlan("STRIPE_METERED_PRICE_"),
      meterEventName: env.STRIPE_METER_EVENT_NAME ?? DEFAULT_METER_EVENT_NAME,
      api,
      timeoutMs: env.STRIPE_TIMEOUT_MS ?? DEFAULT_STRIPE_TIMEOUT_MS,
    },
  };
}

let cached: BillingConfig | undefined;

/** The process's billing configuration (parsed once). */
export function billingConfig(): BillingConfig {
  cached ??= parseBillingConfig(process.env);
  return cached;
}

/** Tests switch providers by environment; this forgets the parsed configuration. */
export function resetBillingConfigForTests(): void {
  cached = undefined;
}
