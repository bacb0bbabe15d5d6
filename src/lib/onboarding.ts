/** Onboarding steps and intents; isomorphic (the wizard and the server share them). */
export const ONBOARDING_STEPS = ["profile", "invite", "intent"] as const;
export type OnboardingStep = (typeof ONBOARDING_STEPS)[number];

/** What brings a user here, in the order offered. Labels and hints: messages/<locale>/onboarding.json (intents.<key>). */
export const INTENTS = ["project-management", "building-saas", "invoicing", "exploring"] as const;
export type Intent = (typeof INTENTS)[number];

export function isIntent(value: unknown): value is Intent {
  return typeof value === "string" && (INTENTS as readonly string[]).includes(value);
}

export function stepIndex(step: OnboardingStep): number {
  return ONBOARDING_STEPS.indexOf(step);
}
