/** Onboarding steps and intents; isomorphic (the wizard and the server share them). */
export const ONBOARDING_STEPS = ["profile", "invite", "intent"] as const;
export type OnboardingStep = (typeof ONBOARDING_STEPS)[number];

export const INTENTS = {
  "project-management": { label: "Project management", hint: "Boards, tasks and deadlines for my team" },
  "building-saas": { label: "Building SaaS", hint: "A foundation for my own product" },
  invoicing: { label: "Invoicing", hint: "Send invoices and get paid" },
  exploring: { label: "Just exploring", hint: "Show me around" },
} as const;
export type Intent = keyof typeof INTENTS;

export function isIntent(value: unknown): value is Intent {
  return typeof value === "string" && Object.hasOwn(INTENTS, value);
}

export function stepIndex(step: OnboardingStep): number {
  return ONBOARDING_STEPS.indexOf(step);
}
