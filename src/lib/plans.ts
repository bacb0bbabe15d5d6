/**
 * The plans, in one place: what a team pays, which tenancy tier it gets, and what
 * it may use. Billing (checkout, metering), the AI quota and the operational
 * intelligence page (revenue per team and user) all read this. Isomorphic.
 *
 * Money is integer minor units (US cents); overage per 1,000 AI tokens in cents.
 */
export const PLAN_IDS = ["starter", "professional", "enterprise"] as const;
export type PlanId = (typeof PLAN_IDS)[number];

export type Plan = {
  id: PlanId;
  name: string;
  tier: "SHARED" | "SCHEMA" | "ISOLATED";
  monthlyPriceCents: number;
  seats: number;
  /** AI tokens (input + output) included per calendar month. */
  aiTokensPerMonth: number;
  overageCentsPer1kTokens: number;
};

export const PLANS: Readonly<Record<PlanId, Plan>> = {
  starter: {
    id: "starter",
    name: "Starter",
    tier: "SHARED",
    monthlyPriceCents: 2_900,
    seats: 5,
    aiTokensPerMonth: 200_000,
    overageCentsPer1kTokens: 2,
  },
  professional: {
    id: "professional",
    name: "Professional",
    tier: "SCHEMA",
    monthlyPriceCents: 9_900,
    seats: 25,
    aiTokensPerMonth: 2_000_000,
    overageCentsPer1kTokens: 1,
  },
  enterprise: {
    id: "enterprise",
    name: "Enterprise",
    tier: "ISOLATED",
    monthlyPriceCents: 49_900,
    seats: 200,
    aiTokensPerMonth: 20_000_000,
    overageCentsPer1kTokens: 1,
  },
};

/** Until billing records a subscription, a team's plan follows its tenancy tier. */
export function planForTier(tier: Plan["tier"]): Plan {
  const plan = Object.values(PLANS).find((candidate) => candidate.tier === tier);
  if (!plan) throw new Error(`No plan for tier ${tier}`);
  return plan;
}
