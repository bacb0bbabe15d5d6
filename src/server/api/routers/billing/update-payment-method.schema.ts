import { z } from "zod";

/**
 * The local portal stores a label only: a test card brand whose label is fixed
 * here. There is deliberately no card number field anywhere.
 */
export const LOCAL_CARDS = {
  visa: "Visa •••• 4242",
  mastercard: "Mastercard •••• 4444",
  amex: "American Express •••• 0005",
} as const;
export type LocalCard = keyof typeof LOCAL_CARDS;

export const ZUpdatePaymentMethodInput = z.object({
  card: z.enum(["visa", "mastercard", "amex"], { message: "Choose one of the test cards." }),
});
export type UpdatePaymentMethodInput = z.infer<typeof ZUpdatePaymentMethodInput>;
