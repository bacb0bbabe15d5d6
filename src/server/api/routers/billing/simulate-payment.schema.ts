import { z } from "zod";

export const ZSimulatePaymentInput = z.object({
  teamId: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, "That team id is not valid."),
  outcome: z.enum(["failed", "paid"], { message: "Choose whether the payment failed or was paid." }),
});
export type SimulatePaymentInput = z.infer<typeof ZSimulatePaymentInput>;
