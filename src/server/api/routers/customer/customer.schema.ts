import { z } from "zod";

/** Optional text: an empty field clears the value. */
const optionalText = (max: number, message: string) =>
  z
    .string()
    .trim()
    .max(max, message)
    .nullable()
    .optional()
    .transform((value) => (value === undefined ? undefined : value || null));

export const ZCustomerFields = z.object({
  name: z.string({ error: "Enter the customer's name." }).trim().min(1, "Enter the customer's name.").max(200, "Use at most 200 characters for the name."),
  email: z
    .union([z.literal(""), z.email("Enter a valid email address.").max(254, "That email address is too long.")])
    .nullable()
    .optional()
    .transform((value) => (value === undefined ? undefined : value || null)),
  phone: optionalText(50, "Use at most 50 characters for the phone number."),
  address: optionalText(500, "Use at most 500 characters for the address."),
  taxId: optionalText(50, "Use at most 50 characters for the tax ID."),
});

/** The fields of a customer the API returns. */
export const customerSelect = {
  id: true,
  name: true,
  email: true,
  phone: true,
  address: true,
  taxId: true,
  createdAt: true,
  updatedAt: true,
} as const;
