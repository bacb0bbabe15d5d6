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
  /**
   * Tokens a month beyond the allowance that are billed as overage (pay as you go);
   * past allowance + this, AI calls are refused until the period resets or the
   * team upgrades. An owner may set a lower cap (Team.aiMonthlyTokenLimit).
   */
  maxOverageTokensPerMonth: number;
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
    maxOverageTokensPerMonth: 1_000_000,
  },
  professional: {
    id: "professional",
    name: "Professional",
    tier: "SCHEMA",
    monthlyPriceCents: 9_900,
    seats: 25,
    aiTokensPerMonth: 2_000_000,
    overageCentsPer1kTokens: 1,
    maxOverageTokensPerMonth: 10_000_000,
  },
  enterprise: {
    id: "enterprise",
    name: "Enterprise",
    tier: "ISOLATED",
    monthlyPriceCents: 49_900,
    seats: 200,
    aiTokensPerMonth: 20_000_000,
    overageCentsPer1kTokens: 1,
    maxOverageTokensPerMonth: 100_000_000,
  },
};

/** Until billing records a subscription, a team's plan follows its tenancy tier. */
export function planForTier(tier: Plan["tier"]): Plan {
  const plan = Object.values(PLANS).find((candidate) => candidate.tier === tier);
  if (!plan) throw new Error(`No plan for tier ${tier}`);
  return plan;
}

export const DEFAULT_PLAN_ID: PlanId = "starter";

export function isPlanId(value: string): value is PlanId {
  return (PLAN_IDS as readonly string[]).includes(value);
}

/** The plan of a stored plan id; an unknown id (a plan retired since) reads as the default plan. */
export function planById(id: string): Plan {
  return isPlanId(id) ? PLANS[id] : PLANS[DEFAULT_PLAN_ID];
}

/** Ordering for upgrade / downgrade: by monthly price. */
export function comparePlans(a: PlanId, b: PlanId): number {
  return PLANS[a].monthlyPriceCents - PLANS[b].monthlyPriceCents;
}

/** Overage in cents for `tokens` beyond the allowance, rounded up to the next cent. */
export function overageCents(plan: Plan, usedTokens: number): number {
  const over = Math.max(0, usedTokens - plan.aiTokensPerMonth);
  return Math.ceil((over * plan.overageCentsPer1kTokens) / 1000);
}
